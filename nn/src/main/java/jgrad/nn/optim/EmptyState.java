package jgrad.nn.optim;

/** The state of a transformation that keeps none, such as {@link Optimizers#scale}. */
public record EmptyState() {}
