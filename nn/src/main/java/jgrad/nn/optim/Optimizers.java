package jgrad.nn.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.base.Joiner;
import com.google.common.collect.ImmutableList;
import jgrad.core.Params;
import jgrad.core.Tensor;

/**
 * Optimisers and the transformations they are chained from. Learning rates are per step (per
 * update), not per sample or per epoch.
 *
 * <pre>{@code
 * jshell> var opt = Optimizers.adam(0.01);  // chain(scaleByAdam(0.9, 0.999, 1e-8), scale(-0.01))
 * jshell> var state = opt.init(params);
 * jshell> var update = opt.update(grads, state, params);
 * jshell> params = params.plus(update.updates());
 * }</pre>
 */
public final class Optimizers {

    private Optimizers() {}

    // ---------------------------------------------------------------- optimisers

    /**
     * Stochastic gradient descent, {@code updates = -learningRate · g} (Robbins &amp; Monro, 1951;
     * PyTorch's {@code SGD} without momentum). Stateless.
     *
     * @param learningRate the step size per update, {@code > 0}
     * @throws IllegalArgumentException if {@code learningRate} is not positive and finite
     */
    public static GradientTransformation<EmptyState> sgd(double learningRate) {
        checkLearningRate("sgd", learningRate);
        return named("sgd(learningRate=" + learningRate + ")", scale(-learningRate));
    }

    /**
     * SGD with momentum in PyTorch's formulation (Sutskever et al., 2013; PyTorch {@code SGD} with
     * {@code dampening=0, nesterov=False}): {@code v_t = momentum · v_{t-1} + g_t}, {@code v_0 =
     * 0}, {@code updates = -learningRate · v_t}. Built as {@code
     * chain(accumulateMomentum(momentum), scale(-learningRate))}; the velocity is the first state
     * of the chain.
     *
     * @param learningRate the step size per update, {@code > 0}
     * @param momentum     the velocity's decay per update, in {@code [0, 1)}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static GradientTransformation<ChainState> sgd(double learningRate, double momentum) {
        checkLearningRate("sgd", learningRate);
        return named("sgd(learningRate=" + learningRate + ", momentum=" + momentum + ")",
                chain(accumulateMomentum(momentum), scale(-learningRate)));
    }

    /**
     * SGD with a learning-rate schedule, {@code updates = -schedule(step) · g}, where {@code step}
     * counts the updates applied so far.
     *
     * @throws NullPointerException if {@code learningRate} is null
     * @throws IllegalStateException from {@code update} if the schedule gives a negative or
     *     non-finite rate
     */
    public static GradientTransformation<ScheduleState> sgd(Schedule learningRate) {
        checkNotNull(learningRate, "sgd: learningRate schedule is null");
        return named("sgd(learningRate=schedule)", scaleBySchedule(descent("sgd", learningRate)));
    }

    /**
     * Adam with the defaults of its paper ({@code b1 = 0.9, b2 = 0.999, eps = 1e-8}): {@code
     * adam(learningRate, 0.9, 0.999, 1e-8)}.
     *
     * @throws IllegalArgumentException if {@code learningRate} is not positive and finite
     */
    public static GradientTransformation<ChainState> adam(double learningRate) {
        return adam(learningRate, 0.9, 0.999, 1e-8);
    }

    /**
     * Adam (Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, Algorithm
     * 1): bias-corrected moment estimates, then a step of size {@code learningRate}: {@code
     * updates = -learningRate · m̂ / (sqrt(v̂) + eps)}. Built as {@code chain(scaleByAdam(b1, b2,
     * eps), scale(-learningRate))}, as Optax's {@code adam}; matches PyTorch's {@code Adam} without
     * weight decay.
     *
     * @param learningRate the step size per update, {@code > 0}
     * @param b1           decay of the first moment, in {@code [0, 1)}
     * @param b2           decay of the second moment, in {@code [0, 1)}
     * @param eps          added to {@code sqrt(v̂)}, {@code >= 0}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static GradientTransformation<ChainState> adam(double learningRate, double b1,
            double b2, double eps) {
        checkLearningRate("adam", learningRate);
        return named("adam(learningRate=" + learningRate + ", b1=" + b1 + ", b2=" + b2 + ", eps="
                + eps + ")", chain(scaleByAdam(b1, b2, eps), scale(-learningRate)));
    }

    /**
     * Adam with a learning-rate schedule: {@code chain(scaleByAdam(0.9, 0.999, 1e-8),
     * scaleBySchedule(step -> -learningRate(step)))}.
     *
     * @throws NullPointerException if {@code learningRate} is null
     * @throws IllegalStateException from {@code update} if the schedule gives a negative or
     *     non-finite rate
     */
    public static GradientTransformation<ChainState> adam(Schedule learningRate) {
        checkNotNull(learningRate, "adam: learningRate schedule is null");
        return named("adam(learningRate=schedule, b1=0.9, b2=0.999, eps=1.0E-8)", chain(
                scaleByAdam(0.9, 0.999, 1e-8), scaleBySchedule(descent("adam", learningRate))));
    }

    /** {@code step -> -learningRate(step)}, refusing a rate that is negative or not finite. */
    private static Schedule descent(String optimizer, Schedule learningRate) {
        return step -> {
            double rate = learningRate.valueAt(step);
            checkState(rate >= 0 && Double.isFinite(rate),
                    "%s: the learning-rate schedule gave %s at step %s", optimizer, rate,
                    Long.valueOf(step));
            return -rate;
        };
    }

    // ---------------------------------------------------------------- transformations

    /**
     * Adds decayed weights to the updates, {@code updates = g + weightDecay · params} (Optax's
     * {@code add_decayed_weights}): before a descent step, this is L2 regularisation with penalty
     * {@code (weightDecay / 2) · sum(params²)}, as the {@code weight_decay} of PyTorch's {@code
     * SGD}; {@code chain(addDecayedWeights(wd), scale(-lr))} is SGD with weight decay. (Placed
     * after {@code scaleByAdam} it gives AdamW's decoupled decay, Loshchilov &amp; Hutter, 2019,
     * with the decay then scaled by the learning rate.) Stateless.
     *
     * @throws IllegalArgumentException if {@code weightDecay} is negative or not finite
     */
    public static GradientTransformation<EmptyState> addDecayedWeights(double weightDecay) {
        checkArgument(weightDecay >= 0 && Double.isFinite(weightDecay),
                "addDecayedWeights: weightDecay must be >= 0 and finite, got %s", weightDecay);
        return GradientTransformation.of("addDecayedWeights(" + weightDecay + ")",
                params -> new EmptyState(),
                (grads, state, params) -> {
                    checkNotNull(params, "addDecayedWeights: needs the current params");
                    return new Update<>(grads.plus(params.scale(weightDecay)), state);
                });
    }

    /**
     * Multiplies the updates by a constant, {@code updates = factor · g} (Optax's {@code scale}).
     * Stateless.
     *
     * @throws IllegalArgumentException if {@code factor} is not finite
     */
    public static GradientTransformation<EmptyState> scale(double factor) {
        checkArgument(Double.isFinite(factor), "scale: factor must be finite, got %s", factor);
        return GradientTransformation.of("scale(" + factor + ")",
                params -> new EmptyState(),
                (grads, state, params) -> new Update<>(grads.scale(factor), state));
    }

    /**
     * Multiplies the updates by {@code schedule(count)}, where {@code count} is the number of
     * updates applied so far (Optax's {@code scale_by_schedule}).
     *
     * @throws NullPointerException if {@code schedule} is null
     * @throws IllegalStateException from {@code update} if the schedule gives a value that is not
     *     finite: a NaN or infinite learning rate would otherwise turn every parameter into NaN
     */
    public static GradientTransformation<ScheduleState> scaleBySchedule(Schedule schedule) {
        checkNotNull(schedule, "scaleBySchedule: schedule is null");
        return GradientTransformation.of("scaleBySchedule(schedule)",
                params -> new ScheduleState(0),
                (grads, state, params) -> {
                    double factor = schedule.valueAt(state.count());
                    checkState(Double.isFinite(factor),
                            "scaleBySchedule: the schedule gave %s at step %s",
                            Double.valueOf(factor), Long.valueOf(state.count()));
                    return new Update<>(grads.scale(factor), new ScheduleState(state.count() + 1));
                });
    }

    /**
     * Accumulates a velocity, {@code v_t = momentum · v_{t-1} + g_t} from {@code v_0 = 0}, and
     * returns it as the updates (Optax's {@code trace} without Nesterov; the momentum buffer of
     * PyTorch's {@code SGD}).
     *
     * @param momentum the decay per update, in {@code [0, 1)}
     * @throws IllegalArgumentException if {@code momentum} is not in {@code [0, 1)}
     */
    public static GradientTransformation<MomentumState> accumulateMomentum(double momentum) {
        checkArgument(0 <= momentum && momentum < 1,
                "momentum: must be in [0, 1), got %s", momentum);
        return GradientTransformation.of("accumulateMomentum(" + momentum + ")",
                params -> new MomentumState(params.zerosLike()),
                (grads, state, params) -> {
                    Params velocity = state.velocity().scale(momentum).plus(grads);
                    return new Update<>(velocity, new MomentumState(velocity));
                });
    }

    /**
     * Rescales gradients by Adam's bias-corrected moments (Kingma &amp; Ba, 2015, Algorithm 1;
     * Optax's {@code scale_by_adam}). At step {@code t = count + 1}: {@code m_t = b1 · m_{t-1} + (1
     * - b1) · g}, {@code v_t = b2 · v_{t-1} + (1 - b2) · g²}, {@code m̂ = m_t / (1 - b1^t)}, {@code
     * v̂ = v_t / (1 - b2^t)}, {@code updates = m̂ / (sqrt(v̂) + eps)}. The corrections count
     * {@code t} from 1 and {@code eps} is added to {@code sqrt(v̂)}, not inside the root.
     *
     * @throws IllegalArgumentException if {@code b1} or {@code b2} is not in {@code [0, 1)} or
     *     {@code eps} is negative
     */
    public static GradientTransformation<AdamState> scaleByAdam(double b1, double b2,
            double eps) {
        checkArgument(0 <= b1 && b1 < 1 && 0 <= b2 && b2 < 1,
                "adam: betas not in [0, 1): %s, %s", b1, b2);
        checkArgument(eps >= 0 && Double.isFinite(eps), "adam: eps must be >= 0, got %s", eps);
        return GradientTransformation.of(
                "scaleByAdam(b1=" + b1 + ", b2=" + b2 + ", eps=" + eps + ")",
                params -> new AdamState(0, params.zerosLike(), params.zerosLike()),
                (grads, state, params) -> {
                    long t = state.count() + 1;
                    Params mu = state.mu().scale(b1).plus(grads.scale(1 - b1));
                    Params nu = state.nu().scale(b2).plus(grads.map(Tensor::square).scale(1 - b2));
                    double c1 = 1 - Math.pow(b1, t);
                    double c2 = 1 - Math.pow(b2, t);
                    Params step = mu.zipWith(nu,
                            (m, v) -> m.div(c1).div(v.div(c2).sqrt().add(eps)));
                    return new Update<>(step, new AdamState(t, mu, nu));
                });
    }

    /**
     * Applies transformations in order, each to the previous one's updates (Optax's {@code
     * chain}); the state holds one state per transformation.
     *
     * @throws IllegalArgumentException (from {@code update}) if the state does not hold one state
     *     per transformation
     */
    public static GradientTransformation<ChainState> chain(
            GradientTransformation<?>... transformations) {
        ImmutableList<GradientTransformation<?>> steps = ImmutableList.copyOf(transformations);
        return GradientTransformation.of("chain(" + Joiner.on(", ").join(steps) + ")",
                params -> {
                    ImmutableList.Builder<Object> states = ImmutableList.builder();
                    for (GradientTransformation<?> step : steps) {
                        states.add(step.init(params));
                    }
                    return new ChainState(states.build());
                },
                (grads, state, params) -> {
                    checkArgument(state.states().size() == steps.size(),
                            "chain: state holds %s states for %s transformations",
                            state.states().size(), steps.size());
                    Params updates = grads;
                    ImmutableList.Builder<Object> states = ImmutableList.builder();
                    for (int i = 0; i < steps.size(); i++) {
                        Update<?> update = updateWith(steps.get(i), updates, state.states().get(i),
                                params);
                        updates = update.updates();
                        states.add(update.state());
                    }
                    return new Update<>(updates, new ChainState(states.build()));
                });
    }

    /** Runs {@code step} with a state of unknown static type (it came from {@code step.init}). */
    @SuppressWarnings("unchecked")
    private static <S> Update<S> updateWith(GradientTransformation<S> step, Params grads,
            Object state, Params params) {
        return step.update(grads, (S) state, params);
    }

    /** {@code transformation} under another description. */
    private static <S> GradientTransformation<S> named(String description,
            GradientTransformation<S> transformation) {
        return GradientTransformation.of(description, transformation::init,
                transformation::update);
    }

    private static void checkLearningRate(String optimizer, double learningRate) {
        checkArgument(learningRate > 0 && Double.isFinite(learningRate),
                "%s: learning rate must be positive and finite, got %s", optimizer, learningRate);
    }
}
