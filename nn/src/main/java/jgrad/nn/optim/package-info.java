/**
 * Optimisers in the style of Optax: a {@link jgrad.nn.optim.GradientTransformation} turns
 * gradients into updates and carries an immutable state record; optimisers such as Adam are
 * {@link jgrad.nn.optim.Optimizers#chain chains} of small transformations. Updates are applied
 * with {@code params.plus(update.updates())}.
 *
 * <p>All arithmetic here happens on plain (untraced) tensors outside {@link jgrad.core.Autodiff},
 * so no graph is built and new parameters never keep old ones alive.
 *
 * <pre>{@code
 * jshell> var opt = Optimizers.adam(0.01);
 * jshell> var state = opt.init(model.params());
 * jshell> var update = opt.update(grads, state, model.params());
 * jshell> model = model.withParams(model.params().plus(update.updates()));
 * jshell> state = update.state();
 * }</pre>
 */
package jgrad.nn.optim;
