/**
 * Neural-network layers as immutable values: a layer is its parameters plus a pure {@code apply}.
 *
 * <p>{@link jgrad.nn.Layer} is the contract; {@link jgrad.nn.Linear}, {@link jgrad.nn.Activation}
 * and {@link jgrad.nn.Sequential} implement it, and {@link jgrad.nn.Mlp} builds a multi-layer
 * perceptron. Every layer is a composite of {@code jgrad.core} operations: nothing here has a
 * backward rule of its own, so gradients come from {@link jgrad.core.Autodiff}.
 *
 * <p>Subpackages: {@code init} (weight initialisers), {@code losses}, {@code optim} (optimisers as
 * gradient transformations) and {@code train} (the training loop and its history).
 *
 * <pre>{@code
 * jshell> var model = Mlp.init(new SplittableRandom(0), Activation.RELU, 4, 16, 3);
 * jshell> model.params()
 * $2 ==> Params{0.weight=[16, 4] float64, 0.bias=[16] float64, 2.weight=[3, 16] float64, ...}
 * jshell> model.apply(Tensor.zeros(5, 4)).shape()
 * $3 ==> [5, 3]
 * }</pre>
 */
package jgrad.nn;
