/**
 * Neural-network layers as immutable values: a layer is its parameters plus a pure {@code apply}.
 *
 * <p>{@link jgrad.nn.Layer} is the contract. Layers: {@link jgrad.nn.Linear}, {@link
 * jgrad.nn.BatchNorm1d}, {@link jgrad.nn.BatchNorm2d}, {@link jgrad.nn.LayerNorm}, {@link
 * jgrad.nn.GroupNorm}, {@link jgrad.nn.Dropout}, {@link jgrad.nn.Embedding}, {@link
 * jgrad.nn.Residual}, {@link jgrad.nn.Identity}, {@link jgrad.nn.Flatten}, {@link
 * jgrad.nn.Unflatten}, the activations ({@link jgrad.nn.Activation}, {@link jgrad.nn.LeakyRelu},
 * {@link jgrad.nn.Elu}, {@link jgrad.nn.Softmax}) and the container {@link jgrad.nn.Sequential};
 * {@link jgrad.nn.Mlp} builds a multi-layer perceptron and {@link jgrad.nn.Summary} prints a
 * model's output shapes and parameter counts. Every layer is a composite of {@code jgrad.core}
 * operations: nothing here has a backward rule of its own, so gradients come from {@link
 * jgrad.core.Autodiff}.
 *
 * <p>Training and evaluation are an argument ({@link jgrad.nn.Mode}), never a flag stored on a
 * layer: {@code layer.forward(x, Mode.training(rng))} returns a {@link jgrad.nn.Forward}, the
 * output and the layer's new state (batch normalisation's running statistics), which {@code
 * layer.withState(state)} applies; {@code apply(x)} is the evaluation pass.
 *
 * <p>Subpackages: {@code init} (weight initialisers), {@code losses}, {@code optim} (optimisers as
 * gradient transformations), {@code train} (the training loop and its history) and {@code io}
 * (checkpoints).
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
