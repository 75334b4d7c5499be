package jgrad.nn.init;

/**
 * Which fan an He (Kaiming) initialiser scales by (PyTorch's {@code mode}): the fan-in keeps the
 * variance of the activations in the forward pass, the fan-out that of the gradients in the
 * backward pass (He et al., 2015, section 2.2).
 */
public enum FanMode {
    /** Divide by {@link Fans#fanIn()}; PyTorch's {@code mode='fan_in'}, its default. */
    FAN_IN,
    /** Divide by {@link Fans#fanOut()}; PyTorch's {@code mode='fan_out'}. */
    FAN_OUT
}
