package jgrad.nn.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.base.Joiner;
import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import jgrad.core.Params;
import jgrad.core.Tensor;

/**
 * Optimisers and the transformations they are chained from, in the style of Optax. The optimisers
 * carry PyTorch's names and defaults ({@code torch.optim}, version 1.13) and match its updates in
 * float64 to 1e-12 over 20 steps ({@code OptimizerFixturesTest}, with the PyTorch script that made
 * its fixtures); each is a {@link #chain} of the transformations below. Learning rates are per
 * step (per update), not per sample or per epoch; every optimiser also takes a {@link Schedule}.
 *
 * <p><b>Weight decay.</b> The {@code weightDecay} of {@code sgd}, {@code adam}, {@code rmsprop},
 * {@code adagrad}, {@code adadelta}, {@code adamax}, {@code nadam} and {@code radam} is coupled
 * L2 regularisation as in PyTorch: {@code g + weightDecay · params} enters the optimiser
 * ({@link #addDecayedWeights} first in the chain). {@code adamW} and {@code lion} decay the
 * weights decoupled from the gradient (Loshchilov &amp; Hutter, "Decoupled Weight Decay
 * Regularization", ICLR 2019): {@code addDecayedWeights} after the optimiser's direction and
 * before the learning rate, so {@code params -= learningRate · (direction + weightDecay ·
 * params)}. {@link #masked} restricts either to some parameters (e.g. not the biases).
 *
 * <p><b>Dtypes.</b> Updates and states have the dtype of the gradients: float32 parameters and
 * gradients give float32 updates. Scalar coefficients (learning rate, betas, bias corrections)
 * are computed in float64 and rounded to the tensors' dtype when applied, as PyTorch does with
 * its Python-float hyper-parameters.
 *
 * <pre>{@code
 * jshell> var opt = Optimizers.adamW(1e-3);  // chain(scaleByAdam, addDecayedWeights(0.01), scale)
 * jshell> var state = opt.init(params);
 * jshell> var update = opt.update(grads, state, params);
 * jshell> params = params.plus(update.updates());
 * }</pre>
 */
public final class Optimizers {

    private Optimizers() {}

    // ---------------------------------------------------------------- SGD

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
        return named("sgd(learningRate=" + describe(learningRate) + ")",
                scaleBySchedule(descent("sgd", learningRate)));
    }

    /**
     * SGD with every option of PyTorch's {@code SGD(lr, momentum, dampening, weight_decay,
     * nesterov)} (momentum: Polyak, 1964, in Sutskever et al.'s form, ICML 2013): {@code g ← g +
     * weightDecay · params}; if {@code momentum > 0}, the buffer {@code b_1 = g_1}, {@code b_t =
     * momentum · b_{t-1} + (1 - dampening) · g_t}, and {@code g ← g + momentum · b_t} (Nesterov)
     * or {@code g ← b_t}; then {@code updates = -learningRate · g}. PyTorch's defaults are {@code
     * momentum = 0, dampening = 0, weightDecay = 0, nesterov = false}. Built as {@code
     * chain(addDecayedWeights(weightDecay), sgdMomentum(momentum, dampening, nesterov),
     * scale(-learningRate))}, leaving out the parts whose value is 0.
     *
     * @param learningRate the step size per update, {@code > 0}
     * @param momentum     in {@code [0, 1)}
     * @param dampening    in {@code [0, 1]}; scales the new gradient in the buffer (not in the
     *                     first update)
     * @param weightDecay  coupled L2 coefficient, {@code >= 0}
     * @param nesterov     Nesterov momentum; needs {@code momentum > 0} and {@code dampening = 0}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static GradientTransformation<ChainState> sgd(double learningRate, double momentum,
            double dampening, double weightDecay, boolean nesterov) {
        return sgdChain(describe(learningRate), descentBy("sgd", learningRate), momentum,
                dampening, weightDecay, nesterov);
    }

    /**
     * {@link #sgd(double, double, double, double, boolean)} with a learning-rate schedule.
     *
     * @throws IllegalArgumentException if an argument is out of range
     * @throws IllegalStateException from {@code update} if the schedule gives a negative or
     *     non-finite rate
     */
    public static GradientTransformation<ChainState> sgd(Schedule learningRate, double momentum,
            double dampening, double weightDecay, boolean nesterov) {
        return sgdChain(describe(learningRate), descentBy("sgd", learningRate), momentum,
                dampening, weightDecay, nesterov);
    }

    private static GradientTransformation<ChainState> sgdChain(String rate,
            GradientTransformation<?> descent, double momentum, double dampening,
            double weightDecay, boolean nesterov) {
        return named("sgd(learningRate=" + rate + ", momentum=" + momentum + ", dampening="
                        + dampening + ", weightDecay=" + weightDecay + ", nesterov=" + nesterov
                        + ")",
                chainOf(weightDecay("sgd", weightDecay),
                        momentum == 0 && !nesterov ? null
                                : sgdMomentum(momentum, dampening, nesterov),
                        descent));
    }

    // ---------------------------------------------------------------- Adam family

    /**
     * Adam with the defaults of its paper ({@code b1 = 0.9, b2 = 0.999, eps = 1e-8}): {@code
     * adam(learningRate, 0.9, 0.999, 1e-8)}. PyTorch's default learning rate is {@code 1e-3}.
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
        return named("adam(learningRate=" + describe(learningRate)
                        + ", b1=0.9, b2=0.999, eps=1.0E-8)",
                chain(scaleByAdam(0.9, 0.999, 1e-8), descentBy("adam", learningRate)));
    }

    /**
     * Adam with every option of PyTorch's {@code Adam(lr, betas=(b1, b2), eps, weight_decay,
     * amsgrad)}: {@code g ← g + weightDecay · params} (coupled L2, as PyTorch's {@code Adam}; for
     * decoupled decay use {@link #adamW}), then {@link #scaleByAdam} or, with {@code amsgrad},
     * {@link #scaleByAmsgrad} (Reddi, Kale &amp; Kumar, "On the Convergence of Adam and Beyond",
     * ICLR 2018), then {@code -learningRate}. PyTorch's defaults: {@code lr = 1e-3, b1 = 0.9, b2 =
     * 0.999, eps = 1e-8, weightDecay = 0, amsgrad = false}.
     *
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static GradientTransformation<ChainState> adam(double learningRate, double b1,
            double b2, double eps, double weightDecay, boolean amsgrad) {
        return adamChain("adam", describe(learningRate), descentBy("adam", learningRate), b1, b2,
                eps, weightDecay, amsgrad, false);
    }

    /**
     * {@link #adam(double, double, double, double, double, boolean)} with a learning-rate
     * schedule.
     *
     * @throws IllegalArgumentException if an argument is out of range
     * @throws IllegalStateException from {@code update} if the schedule gives a negative or
     *     non-finite rate
     */
    public static GradientTransformation<ChainState> adam(Schedule learningRate, double b1,
            double b2, double eps, double weightDecay, boolean amsgrad) {
        return adamChain("adam", describe(learningRate), descentBy("adam", learningRate), b1, b2,
                eps, weightDecay, amsgrad, false);
    }

    /**
     * AdamW with PyTorch's defaults: {@code adamW(learningRate, 0.9, 0.999, 1e-8, 0.01, false)}.
     * PyTorch's default learning rate is {@code 1e-3}.
     *
     * @throws IllegalArgumentException if {@code learningRate} is not positive and finite
     */
    public static GradientTransformation<ChainState> adamW(double learningRate) {
        return adamW(learningRate, 0.9, 0.999, 1e-8, 0.01, false);
    }

    /**
     * AdamW (Loshchilov &amp; Hutter, "Decoupled Weight Decay Regularization", ICLR 2019,
     * Algorithm 2; PyTorch's {@code AdamW}, Optax's {@code adamw}): Adam's direction plus
     * decoupled weight decay, {@code updates = -learningRate · (m̂ / (sqrt(v̂) + eps) +
     * weightDecay · params)}, i.e. PyTorch's {@code params ← params · (1 - lr · weightDecay)}
     * followed by the Adam step. Built as {@code chain(scaleByAdam(b1, b2, eps) or
     * scaleByAmsgrad(...), addDecayedWeights(weightDecay), scale(-learningRate))}.
     *
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static GradientTransformation<ChainState> adamW(double learningRate, double b1,
            double b2, double eps, double weightDecay, boolean amsgrad) {
        return adamChain("adamW", describe(learningRate), descentBy("adamW", learningRate), b1,
                b2, eps, weightDecay, amsgrad, true);
    }

    /**
     * {@link #adamW(double, double, double, double, double, boolean)} with a learning-rate
     * schedule; the decay is scaled by the scheduled rate, as in PyTorch.
     *
     * @throws IllegalArgumentException if an argument is out of range
     * @throws IllegalStateException from {@code update} if the schedule gives a negative or
     *     non-finite rate
     */
    public static GradientTransformation<ChainState> adamW(Schedule learningRate, double b1,
            double b2, double eps, double weightDecay, boolean amsgrad) {
        return adamChain("adamW", describe(learningRate), descentBy("adamW", learningRate), b1,
                b2, eps, weightDecay, amsgrad, true);
    }

    private static GradientTransformation<ChainState> adamChain(String name, String rate,
            GradientTransformation<?> descent, double b1, double b2, double eps,
            double weightDecay, boolean amsgrad, boolean decoupled) {
        GradientTransformation<?> decay = weightDecay(name, weightDecay);
        GradientTransformation<?> direction = amsgrad
                ? scaleByAmsgrad(b1, b2, eps) : scaleByAdam(b1, b2, eps);
        return named(name + "(learningRate=" + rate + ", b1=" + b1 + ", b2=" + b2 + ", eps="
                        + eps + ", weightDecay=" + weightDecay + ", amsgrad=" + amsgrad + ")",
                decoupled ? chainOf(direction, decay, descent)
                        : chainOf(decay, direction, descent));
    }

    /**
     * Adamax with PyTorch's defaults: {@code adamax(learningRate, 0.9, 0.999, 1e-8, 0)}.
     * PyTorch's default learning rate is {@code 2e-3}.
     *
     * @throws IllegalArgumentException if {@code learningRate} is not positive and finite
     */
    public static GradientTransformation<ChainState> adamax(double learningRate) {
        return adamax(learningRate, 0.9, 0.999, 1e-8, 0);
    }

    /**
     * Adamax, Adam with the infinity norm (Kingma &amp; Ba, ICLR 2015, section 7.1, Algorithm 2;
     * PyTorch's {@code Adamax}): {@code g ← g + weightDecay · params}, then {@link
     * #scaleByAdamax} and {@code -learningRate}.
     *
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static GradientTransformation<ChainState> adamax(double learningRate, double b1,
            double b2, double eps, double weightDecay) {
        return adamaxChain(describe(learningRate), descentBy("adamax", learningRate), b1, b2, eps,
                weightDecay);
    }

    /**
     * {@link #adamax(double, double, double, double, double)} with a learning-rate schedule.
     *
     * @throws IllegalArgumentException if an argument is out of range
     * @throws IllegalStateException from {@code update} if the schedule gives a negative or
     *     non-finite rate
     */
    public static GradientTransformation<ChainState> adamax(Schedule learningRate, double b1,
            double b2, double eps, double weightDecay) {
        return adamaxChain(describe(learningRate), descentBy("adamax", learningRate), b1, b2, eps,
                weightDecay);
    }

    private static GradientTransformation<ChainState> adamaxChain(String rate,
            GradientTransformation<?> descent, double b1, double b2, double eps,
            double weightDecay) {
        return named("adamax(learningRate=" + rate + ", b1=" + b1 + ", b2=" + b2 + ", eps=" + eps
                        + ", weightDecay=" + weightDecay + ")",
                chainOf(weightDecay("adamax", weightDecay), scaleByAdamax(b1, b2, eps), descent));
    }

    /**
     * NAdam with PyTorch's defaults: {@code nadam(learningRate, 0.9, 0.999, 1e-8, 0, 4e-3)}.
     * PyTorch's default learning rate is {@code 2e-3}. The paper's form, as PyTorch 2; PyTorch
     * 1.13's default path differs in the first steps (see {@link #nadam(double, double, double,
     * double, double, double)}).
     *
     * @throws IllegalArgumentException if {@code learningRate} is not positive and finite
     */
    public static GradientTransformation<ChainState> nadam(double learningRate) {
        return nadam(learningRate, 0.9, 0.999, 1e-8, 0, 4e-3);
    }

    /**
     * NAdam, Adam with Nesterov momentum (Dozat, "Incorporating Nesterov Momentum into Adam", ICLR
     * 2016 workshop; PyTorch's {@code NAdam}): {@code g ← g + weightDecay · params}, then {@link
     * #scaleByNadam} and {@code -learningRate}.
     *
     * <p><b>Which NAdam.</b> jgrad's NAdam is the paper's form, with its momentum schedule {@code
     * μ_t = b1 · (1 - 0.5 · 0.96^(t·ψ))} ({@code ψ = momentumDecay}, 0.004 = 1/250 in the paper
     * and in PyTorch) and the momentum weight {@code μ_{t+1} / (1 - μ_1 ⋯ μ_t · μ_{t+1})}. This is
     * PyTorch 1.13's {@code torch.optim.NAdam} with {@code foreach=True}, matched to 1e-12 over
     * 20 steps ({@code OptimizerFixturesTest}; later PyTorch versions fixed the default path, see
     * {@link #scaleByNadam}). It is <em>not</em> what PyTorch
     * 1.13's {@code torch.optim.NAdam} does by default (the single-tensor path, {@code
     * foreach=False}, {@code torch/optim/nadam.py} line 240): that path multiplies the product by
     * {@code μ_t} once more, {@code μ_{t+1} / (1 - μ_1 ⋯ μ_t · μ_t · μ_{t+1})}, so its momentum
     * weight is smaller in the first steps (with PyTorch's defaults, jgrad's is 14.0 % larger at
     * step 1, 5.5 % at step 2, 0.46 % at step 5, 0.01 % at step 10). Measured on the fixture
     * problem with {@code learningRate 0.02} ({@code make_optimizer_fixtures.py
     * --nadam-difference}, PyTorch 1.13): the parameters of PyTorch 1.13's default and of jgrad
     * differ by at most 1.4e-4 after step 1 (they moved by up to 0.021), 3.5e-4 after step 5 and
     * 3.6e-4 after step 20 (moved by up to 0.36): about 0.1 % of the distance travelled, a
     * difference made in the first few steps that then stays. To reproduce a PyTorch 1.13 run
     * exactly, pass {@code foreach=True} there.
     *
     * @param momentumDecay PyTorch's {@code momentum_decay} ψ in {@code μ_t = b1 · (1 - 0.5 ·
     *                      0.96^(t·ψ))}, {@code >= 0}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static GradientTransformation<ChainState> nadam(double learningRate, double b1,
            double b2, double eps, double weightDecay, double momentumDecay) {
        return nadamChain(describe(learningRate), descentBy("nadam", learningRate), b1, b2, eps,
                weightDecay, momentumDecay);
    }

    /**
     * {@link #nadam(double, double, double, double, double, double)} with a learning-rate
     * schedule.
     *
     * @throws IllegalArgumentException if an argument is out of range
     * @throws IllegalStateException from {@code update} if the schedule gives a negative or
     *     non-finite rate
     */
    public static GradientTransformation<ChainState> nadam(Schedule learningRate, double b1,
            double b2, double eps, double weightDecay, double momentumDecay) {
        return nadamChain(describe(learningRate), descentBy("nadam", learningRate), b1, b2, eps,
                weightDecay, momentumDecay);
    }

    private static GradientTransformation<ChainState> nadamChain(String rate,
            GradientTransformation<?> descent, double b1, double b2, double eps,
            double weightDecay, double momentumDecay) {
        return named("nadam(learningRate=" + rate + ", b1=" + b1 + ", b2=" + b2 + ", eps=" + eps
                        + ", weightDecay=" + weightDecay + ", momentumDecay=" + momentumDecay
                        + ")",
                chainOf(weightDecay("nadam", weightDecay),
                        scaleByNadam(b1, b2, eps, momentumDecay), descent));
    }

    /**
     * RAdam with PyTorch's defaults: {@code radam(learningRate, 0.9, 0.999, 1e-8, 0)}. PyTorch's
     * default learning rate is {@code 1e-3}.
     *
     * @throws IllegalArgumentException if {@code learningRate} is not positive and finite
     */
    public static GradientTransformation<ChainState> radam(double learningRate) {
        return radam(learningRate, 0.9, 0.999, 1e-8, 0);
    }

    /**
     * RAdam, Adam with a rectified adaptive learning rate (Liu et al., "On the Variance of the
     * Adaptive Learning Rate and Beyond", ICLR 2020, Algorithm 2; PyTorch's {@code RAdam}): {@code
     * g ← g + weightDecay · params}, then {@link #scaleByRadam} and {@code -learningRate}.
     *
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static GradientTransformation<ChainState> radam(double learningRate, double b1,
            double b2, double eps, double weightDecay) {
        return radamChain(describe(learningRate), descentBy("radam", learningRate), b1, b2, eps,
                weightDecay);
    }

    /**
     * {@link #radam(double, double, double, double, double)} with a learning-rate schedule.
     *
     * @throws IllegalArgumentException if an argument is out of range
     * @throws IllegalStateException from {@code update} if the schedule gives a negative or
     *     non-finite rate
     */
    public static GradientTransformation<ChainState> radam(Schedule learningRate, double b1,
            double b2, double eps, double weightDecay) {
        return radamChain(describe(learningRate), descentBy("radam", learningRate), b1, b2, eps,
                weightDecay);
    }

    private static GradientTransformation<ChainState> radamChain(String rate,
            GradientTransformation<?> descent, double b1, double b2, double eps,
            double weightDecay) {
        return named("radam(learningRate=" + rate + ", b1=" + b1 + ", b2=" + b2 + ", eps=" + eps
                        + ", weightDecay=" + weightDecay + ")",
                chainOf(weightDecay("radam", weightDecay), scaleByRadam(b1, b2, eps), descent));
    }

    // ---------------------------------------------------------------- RMSprop, Adagrad, Adadelta

    /**
     * RMSprop with PyTorch's defaults: {@code rmsprop(learningRate, 0.99, 1e-8, 0, 0, false)}.
     * PyTorch's default learning rate is {@code 1e-2}.
     *
     * @throws IllegalArgumentException if {@code learningRate} is not positive and finite
     */
    public static GradientTransformation<ChainState> rmsprop(double learningRate) {
        return rmsprop(learningRate, 0.99, 1e-8, 0, 0, false);
    }

    /**
     * RMSprop (Hinton, Neural Networks for Machine Learning, lecture 6e, 2012; centred form:
     * Graves, "Generating Sequences With Recurrent Neural Networks", 2013, eq. 38-45; PyTorch's
     * {@code RMSprop}): {@code g ← g + weightDecay · params}, then {@link #scaleByRms} ({@code g /
     * (sqrt(v) + eps)}, epsilon outside the root as PyTorch), then, if {@code momentum > 0}, the
     * buffer {@code b_t = momentum · b_{t-1} + g / (sqrt(v) + eps)} from {@code b_0 = 0} ({@link
     * #accumulateMomentum}), then {@code -learningRate}.
     *
     * @param alpha    the decay of the squared-gradient average, in {@code [0, 1)}
     * @param momentum in {@code [0, 1)}
     * @param centered divide by the estimated standard deviation {@code sqrt(v - E[g]²)} instead
     *                 of the root mean square
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static GradientTransformation<ChainState> rmsprop(double learningRate, double alpha,
            double eps, double weightDecay, double momentum, boolean centered) {
        return rmspropChain(describe(learningRate), descentBy("rmsprop", learningRate), alpha,
                eps, weightDecay, momentum, centered);
    }

    /**
     * {@link #rmsprop(double, double, double, double, double, boolean)} with a learning-rate
     * schedule.
     *
     * @throws IllegalArgumentException if an argument is out of range
     * @throws IllegalStateException from {@code update} if the schedule gives a negative or
     *     non-finite rate
     */
    public static GradientTransformation<ChainState> rmsprop(Schedule learningRate, double alpha,
            double eps, double weightDecay, double momentum, boolean centered) {
        return rmspropChain(describe(learningRate), descentBy("rmsprop", learningRate), alpha,
                eps, weightDecay, momentum, centered);
    }

    private static GradientTransformation<ChainState> rmspropChain(String rate,
            GradientTransformation<?> descent, double alpha, double eps, double weightDecay,
            double momentum, boolean centered) {
        return named("rmsprop(learningRate=" + rate + ", alpha=" + alpha + ", eps=" + eps
                        + ", weightDecay=" + weightDecay + ", momentum=" + momentum
                        + ", centered=" + centered + ")",
                chainOf(weightDecay("rmsprop", weightDecay), scaleByRms(alpha, eps, centered),
                        momentum == 0 ? null : accumulateMomentum(momentum), descent));
    }

    /**
     * Adagrad with PyTorch's defaults: {@code adagrad(learningRate, 0, 0, 0, 1e-10)}. PyTorch's
     * default learning rate is {@code 1e-2}.
     *
     * @throws IllegalArgumentException if {@code learningRate} is not positive and finite
     */
    public static GradientTransformation<ChainState> adagrad(double learningRate) {
        return adagrad(learningRate, 0, 0, 0, 1e-10);
    }

    /**
     * Adagrad (Duchi, Hazan &amp; Singer, "Adaptive Subgradient Methods", JMLR 2011; PyTorch's
     * {@code Adagrad}): {@code g ← g + weightDecay · params}, then {@link #scaleByAdagrad}, then
     * {@code -learningRate / (1 + t · learningRateDecay)} with {@code t} the updates applied so
     * far.
     *
     * @param learningRateDecay PyTorch's {@code lr_decay}, {@code >= 0}
     * @param initialAccumulatorValue the starting sum of squares, {@code >= 0}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static GradientTransformation<ChainState> adagrad(double learningRate,
            double learningRateDecay, double weightDecay, double initialAccumulatorValue,
            double eps) {
        checkLearningRate("adagrad", learningRate);
        checkLearningRateDecay(learningRateDecay);
        return adagradChain(describe(learningRate), learningRateDecay == 0
                        ? descentBy("adagrad", learningRate)
                        : descentBy("adagrad", step -> learningRate
                                / (1 + step * learningRateDecay)),
                learningRateDecay, weightDecay, initialAccumulatorValue, eps);
    }

    /**
     * {@link #adagrad(double, double, double, double, double)} with a learning-rate schedule:
     * {@code -learningRate(t) / (1 + t · learningRateDecay)}.
     *
     * @throws IllegalArgumentException if an argument is out of range
     * @throws IllegalStateException from {@code update} if the schedule gives a negative or
     *     non-finite rate
     */
    public static GradientTransformation<ChainState> adagrad(Schedule learningRate,
            double learningRateDecay, double weightDecay, double initialAccumulatorValue,
            double eps) {
        checkNotNull(learningRate, "adagrad: learningRate schedule is null");
        checkLearningRateDecay(learningRateDecay);
        return adagradChain(describe(learningRate), learningRateDecay == 0
                        ? descentBy("adagrad", learningRate)
                        : descentBy("adagrad", step -> learningRate.valueAt(step)
                                / (1 + step * learningRateDecay)),
                learningRateDecay, weightDecay, initialAccumulatorValue, eps);
    }

    private static GradientTransformation<ChainState> adagradChain(String rate,
            GradientTransformation<?> descent, double learningRateDecay, double weightDecay,
            double initialAccumulatorValue, double eps) {
        return named("adagrad(learningRate=" + rate + ", learningRateDecay=" + learningRateDecay
                        + ", weightDecay=" + weightDecay + ", initialAccumulatorValue="
                        + initialAccumulatorValue + ", eps=" + eps + ")",
                chainOf(weightDecay("adagrad", weightDecay),
                        scaleByAdagrad(initialAccumulatorValue, eps), descent));
    }

    private static void checkLearningRateDecay(double learningRateDecay) {
        checkArgument(learningRateDecay >= 0 && Double.isFinite(learningRateDecay),
                "adagrad: learningRateDecay must be >= 0 and finite, got %s", learningRateDecay);
    }

    /**
     * Adadelta with PyTorch's defaults: {@code adadelta(learningRate, 0.9, 1e-6, 0)}. PyTorch's
     * default learning rate is {@code 1.0}.
     *
     * @throws IllegalArgumentException if {@code learningRate} is not positive and finite
     */
    public static GradientTransformation<ChainState> adadelta(double learningRate) {
        return adadelta(learningRate, 0.9, 1e-6, 0);
    }

    /**
     * Adadelta (Zeiler, "ADADELTA: An Adaptive Learning Rate Method", 2012, Algorithm 1; PyTorch's
     * {@code Adadelta}, which adds a learning rate the paper does not have): {@code g ← g +
     * weightDecay · params}, then {@link #scaleByAdadelta}, then {@code -learningRate}.
     *
     * @param rho the decay of both running averages, in {@code [0, 1)}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static GradientTransformation<ChainState> adadelta(double learningRate, double rho,
            double eps, double weightDecay) {
        return adadeltaChain(describe(learningRate), descentBy("adadelta", learningRate), rho,
                eps, weightDecay);
    }

    /**
     * {@link #adadelta(double, double, double, double)} with a learning-rate schedule.
     *
     * @throws IllegalArgumentException if an argument is out of range
     * @throws IllegalStateException from {@code update} if the schedule gives a negative or
     *     non-finite rate
     */
    public static GradientTransformation<ChainState> adadelta(Schedule learningRate, double rho,
            double eps, double weightDecay) {
        return adadeltaChain(describe(learningRate), descentBy("adadelta", learningRate), rho,
                eps, weightDecay);
    }

    private static GradientTransformation<ChainState> adadeltaChain(String rate,
            GradientTransformation<?> descent, double rho, double eps, double weightDecay) {
        return named("adadelta(learningRate=" + rate + ", rho=" + rho + ", eps=" + eps
                        + ", weightDecay=" + weightDecay + ")",
                chainOf(weightDecay("adadelta", weightDecay), scaleByAdadelta(rho, eps), descent));
    }

    // ---------------------------------------------------------------- Lion

    /**
     * Lion with Optax's defaults: {@code lion(learningRate, 0.9, 0.99, 1e-3)}. Lion wants a
     * learning rate 3 to 10 times smaller than AdamW's (the paper's advice).
     *
     * @throws IllegalArgumentException if {@code learningRate} is not positive and finite
     */
    public static GradientTransformation<ChainState> lion(double learningRate) {
        return lion(learningRate, 0.9, 0.99, 1e-3);
    }

    /**
     * Lion, evolved sign momentum (Chen et al., "Symbolic Discovery of Optimization Algorithms",
     * NeurIPS 2023, Algorithm 2; Optax's {@code lion}; not in PyTorch 1.13): {@code updates =
     * -learningRate · (sign(b1 · m + (1 - b1) · g) + weightDecay · params)}, then {@code m ← b2 · m
     * + (1 - b2) · g}. Decoupled weight decay. Built as {@code chain(scaleByLion(b1, b2),
     * addDecayedWeights(weightDecay), scale(-learningRate))}.
     *
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static GradientTransformation<ChainState> lion(double learningRate, double b1,
            double b2, double weightDecay) {
        return lionChain(describe(learningRate), descentBy("lion", learningRate), b1, b2,
                weightDecay);
    }

    /**
     * {@link #lion(double, double, double, double)} with a learning-rate schedule.
     *
     * @throws IllegalArgumentException if an argument is out of range
     * @throws IllegalStateException from {@code update} if the schedule gives a negative or
     *     non-finite rate
     */
    public static GradientTransformation<ChainState> lion(Schedule learningRate, double b1,
            double b2, double weightDecay) {
        return lionChain(describe(learningRate), descentBy("lion", learningRate), b1, b2,
                weightDecay);
    }

    private static GradientTransformation<ChainState> lionChain(String rate,
            GradientTransformation<?> descent, double b1, double b2, double weightDecay) {
        return named("lion(learningRate=" + rate + ", b1=" + b1 + ", b2=" + b2 + ", weightDecay="
                        + weightDecay + ")",
                chainOf(scaleByLion(b1, b2), weightDecay("lion", weightDecay), descent));
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
     * PyTorch's SGD momentum buffer (Polyak, 1964; Sutskever et al., ICML 2013): {@code b_1 =
     * g_1}, {@code b_t = momentum · b_{t-1} + (1 - dampening) · g_t}; the updates are {@code b_t},
     * or {@code g_t + momentum · b_t} with {@code nesterov}. Without dampening it equals {@link
     * #accumulateMomentum} (Optax's {@code trace}); with dampening the first buffer is the
     * undamped gradient, as in PyTorch.
     *
     * @throws IllegalArgumentException if {@code momentum} is not in {@code [0, 1)}, {@code
     *     dampening} not in {@code [0, 1]}, or {@code nesterov} is asked for with zero momentum or
     *     non-zero dampening (PyTorch refuses both)
     */
    public static GradientTransformation<SgdMomentumState> sgdMomentum(double momentum,
            double dampening, boolean nesterov) {
        return Transforms.sgdMomentum(momentum, dampening, nesterov);
    }

    /**
     * Adam with AMSGrad's running maximum (Reddi, Kale &amp; Kumar, ICLR 2018; PyTorch's {@code
     * Adam(amsgrad=True)}): {@code m_t}, {@code v_t} as {@link #scaleByAdam}, {@code vmax_t =
     * max(vmax_{t-1}, v_t)} of the uncorrected {@code v_t}, {@code updates = (m_t / (1 - b1^t)) /
     * (sqrt(vmax_t) / sqrt(1 - b2^t) + eps)}. (Optax's {@code scale_by_amsgrad} takes the maximum
     * of the bias-corrected {@code v̂} instead; this follows PyTorch.)
     *
     * @throws IllegalArgumentException if a beta is not in {@code [0, 1)} or {@code eps} is
     *     negative
     */
    public static GradientTransformation<AmsgradState> scaleByAmsgrad(double b1, double b2,
            double eps) {
        return Transforms.scaleByAmsgrad(b1, b2, eps);
    }

    /**
     * Divides by the root mean square of past gradients (RMSprop; PyTorch's {@code RMSprop}):
     * {@code v_t = alpha · v_{t-1} + (1 - alpha) · g²} from {@code v_0 = 0}, {@code updates = g /
     * (sqrt(v_t) + eps)}; centred: also {@code μ_t = alpha · μ_{t-1} + (1 - alpha) · g} and {@code
     * updates = g / (sqrt(v_t - μ_t²) + eps)}. Epsilon is added outside the square root, as
     * PyTorch (TensorFlow and Optax's {@code scale_by_rms} add it inside: {@code g / sqrt(v +
     * eps)}; the two differ when {@code eps} is not small against {@code v}).
     *
     * @throws IllegalArgumentException if {@code alpha} is not in {@code [0, 1)} or {@code eps}
     *     is negative
     */
    public static GradientTransformation<RmsState> scaleByRms(double alpha, double eps,
            boolean centered) {
        return Transforms.scaleByRms(alpha, eps, centered);
    }

    /**
     * Divides by the root of the sum of all squared gradients (Adagrad; PyTorch's {@code
     * Adagrad}): {@code s_t = s_{t-1} + g²} from {@code s_0 = initialAccumulatorValue}, {@code
     * updates = g / (sqrt(s_t) + eps)}.
     *
     * @throws IllegalArgumentException if {@code initialAccumulatorValue} or {@code eps} is
     *     negative
     */
    public static GradientTransformation<AdagradState> scaleByAdagrad(
            double initialAccumulatorValue, double eps) {
        return Transforms.scaleByAdagrad(initialAccumulatorValue, eps);
    }

    /**
     * Adadelta's unit-corrected step (Zeiler, 2012, Algorithm 1; PyTorch's {@code Adadelta}):
     * {@code v_t = rho · v_{t-1} + (1 - rho) · g²}, {@code Δ = sqrt(u_{t-1} + eps) / sqrt(v_t +
     * eps) · g}, {@code u_t = rho · u_{t-1} + (1 - rho) · Δ²}, {@code updates = Δ}, from {@code v_0
     * = u_0 = 0}.
     *
     * @throws IllegalArgumentException if {@code rho} is not in {@code [0, 1)} or {@code eps} is
     *     negative
     */
    public static GradientTransformation<AdadeltaState> scaleByAdadelta(double rho, double eps) {
        return Transforms.scaleByAdadelta(rho, eps);
    }

    /**
     * Adamax's step (Kingma &amp; Ba, ICLR 2015, Algorithm 2, in PyTorch's form): {@code m_t = b1 ·
     * m_{t-1} + (1 - b1) · g}, {@code u_t = max(b2 · u_{t-1}, |g| + eps)}, {@code updates = m_t /
     * u_t / (1 - b1^t)}. Epsilon goes inside the maximum, as PyTorch (the paper has none; Optax's
     * {@code scale_by_adamax} adds it to {@code u_t} instead).
     *
     * @throws IllegalArgumentException if a beta is not in {@code [0, 1)} or {@code eps} is
     *     negative
     */
    public static GradientTransformation<AdamaxState> scaleByAdamax(double b1, double b2,
            double eps) {
        return Transforms.scaleByAdamax(b1, b2, eps);
    }

    /**
     * NAdam's step (Dozat, 2016; PyTorch's {@code NAdam}): with {@code μ_t = b1 · (1 - 0.5 ·
     * 0.96^(t · momentumDecay))} and {@code Π_t = μ_1 ⋯ μ_t}, {@code m_t}, {@code v_t} as Adam,
     * {@code d = sqrt(v_t / (1 - b2^t)) + eps}, {@code updates = (1 - μ_t) / (1 - Π_t) · g / d +
     * μ_{t+1} / (1 - Π_t · μ_{t+1}) · m_t / d}. PyTorch 1.13's default (single-tensor) NAdam
     * multiplies {@code Π_t · μ_{t+1}} by {@code μ_t} once more, a bug fixed in PyTorch 2.0
     * (pytorch/pytorch PR #92699); this follows the paper, PyTorch 2 and PyTorch 1.13's {@code
     * foreach=True} path.
     *
     * @throws IllegalArgumentException if a beta is not in {@code [0, 1)}, or {@code eps} or
     *     {@code momentumDecay} is negative
     */
    public static GradientTransformation<NadamState> scaleByNadam(double b1, double b2,
            double eps, double momentumDecay) {
        return Transforms.scaleByNadam(b1, b2, eps, momentumDecay);
    }

    /**
     * RAdam's step (Liu et al., ICLR 2020, Algorithm 2; PyTorch's {@code RAdam}): {@code m_t},
     * {@code v_t} as Adam, {@code ρ_∞ = 2 / (1 - b2) - 1}, {@code ρ_t = ρ_∞ - 2t · b2^t / (1 -
     * b2^t)}; if {@code ρ_t > 5}, {@code updates = m̂ · r_t · sqrt(1 - b2^t) / (sqrt(v_t) + eps)}
     * with {@code r_t = sqrt((ρ_t - 4)(ρ_t - 2) ρ_∞ / ((ρ_∞ - 4)(ρ_∞ - 2) ρ_t))}, else {@code
     * updates = m̂} (SGD with momentum while the variance is intractable). Epsilon is added to the
     * uncorrected {@code sqrt(v_t)}, as PyTorch.
     *
     * @throws IllegalArgumentException if a beta is not in {@code [0, 1)} or {@code eps} is
     *     negative
     */
    public static GradientTransformation<AdamState> scaleByRadam(double b1, double b2,
            double eps) {
        return Transforms.scaleByRadam(b1, b2, eps);
    }

    /**
     * Lion's step (Chen et al., 2023, Algorithm 2; Optax's {@code scale_by_lion}): {@code updates
     * = sign(b1 · m_{t-1} + (1 - b1) · g)} (sign(0) = 0, NaN stays NaN), then {@code m_t = b2 ·
     * m_{t-1} + (1 - b2) · g} from {@code m_0 = 0}.
     *
     * @throws IllegalArgumentException if a beta is not in {@code [0, 1)}
     */
    public static GradientTransformation<LionState> scaleByLion(double b1, double b2) {
        return Transforms.scaleByLion(b1, b2);
    }

    /**
     * Clips every element to {@code [-maxDelta, maxDelta]} (Optax's {@code clip}; PyTorch's {@code
     * clip_grad_value_}); NaN stays NaN. Stateless.
     *
     * @throws IllegalArgumentException if {@code maxDelta} is negative or not finite
     */
    public static GradientTransformation<EmptyState> clipByValue(double maxDelta) {
        return Transforms.clipByValue(maxDelta);
    }

    /**
     * Clips each tensor to L2 norm {@code maxNorm} separately: {@code g · maxNorm / ||g||} when
     * {@code ||g|| > maxNorm}, else {@code g} unchanged (the per-tensor form of {@link
     * #clipByGlobalNorm}). Stateless.
     *
     * @throws IllegalArgumentException if {@code maxNorm} is not positive and finite
     */
    public static GradientTransformation<EmptyState> clipByNorm(double maxNorm) {
        return Transforms.clipByNorm(maxNorm);
    }

    /**
     * Clips all tensors together to global L2 norm {@code maxNorm} (Pascanu, Mikolov &amp; Bengio,
     * "On the difficulty of training recurrent neural networks", ICML 2013; Optax's {@code
     * clip_by_global_norm}): with {@code n = sqrt(Σ ||g_i||²)} over every tensor ({@link
     * #globalNorm}), {@code g · maxNorm / n} when {@code n > maxNorm}, else unchanged, so the
     * direction is kept. PyTorch's {@code clip_grad_norm_} divides by {@code n + 1e-6} instead,
     * ending slightly below {@code maxNorm}. A NaN norm gives NaN updates and an infinite one
     * zeros (or NaN where a gradient is infinite): neither is refused. Stateless.
     *
     * @throws IllegalArgumentException if {@code maxNorm} is not positive and finite
     */
    public static GradientTransformation<EmptyState> clipByGlobalNorm(double maxNorm) {
        return Transforms.clipByGlobalNorm(maxNorm);
    }

    /**
     * The global L2 norm {@code sqrt(Σ ||g_i||²)} over every tensor, accumulated in float64
     * (Optax's {@code global_norm}); what {@link #clipByGlobalNorm} compares with its bound.
     *
     * @throws NullPointerException if {@code grads} is null
     */
    public static double globalNorm(Params grads) {
        return Transforms.globalNorm(grads);
    }

    /**
     * Multiplies the updates by the scale of a {@link ReduceOnPlateau} rule, which a monitored
     * metric lowers when it stops improving (PyTorch's {@code ReduceLROnPlateau}; Optax's {@code
     * contrib.reduce_on_plateau}). Place it after the learning rate: {@code
     * chain(Optimizers.adam(0.01), Optimizers.reduceOnPlateau(ReduceOnPlateau.of(0.5, 3)))}, and
     * feed it the metric once per epoch with {@code state = optimizer.observe(state,
     * validationLoss)} ({@link GradientTransformation#observe}; {@link #chain} passes it on).
     * {@code update} never changes the state; a loop that never calls {@code observe} gets scale
     * 1 throughout.
     *
     * @throws NullPointerException if {@code rule} is null
     */
    public static GradientTransformation<PlateauState> reduceOnPlateau(ReduceOnPlateau rule) {
        return Transforms.reduceOnPlateau(rule);
    }

    /**
     * Applies {@code transformation} to the parameters whose path {@code mask} accepts and passes
     * the others' updates through unchanged (Optax's {@code masked}); e.g. weight decay on weights
     * only: {@code masked(addDecayedWeights(1e-4), path -> path.endsWith("weight"))}. The inner
     * state is made for the selected parameters only.
     *
     * @throws NullPointerException if an argument is null
     */
    public static <S> GradientTransformation<MaskedState> masked(
            GradientTransformation<S> transformation, Predicate<String> mask) {
        return Transforms.masked(transformation, mask);
    }

    /**
     * Applies transformations in order, each to the previous one's updates (Optax's {@code
     * chain}); the state holds one state per transformation, and {@link
     * GradientTransformation#observe} passes a metric to each of them.
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
                },
                (state, metric) -> {
                    checkArgument(state.states().size() == steps.size(),
                            "chain: state holds %s states for %s transformations",
                            state.states().size(), steps.size());
                    ImmutableList.Builder<Object> states = ImmutableList.builder();
                    for (int i = 0; i < steps.size(); i++) {
                        states.add(observeWith(steps.get(i), state.states().get(i), metric));
                    }
                    return new ChainState(states.build());
                });
    }

    /** Observes with a state of unknown static type (it came from {@code step.init}). */
    @SuppressWarnings("unchecked")
    private static <S> S observeWith(GradientTransformation<S> step, Object state, double metric) {
        return step.observe((S) state, metric);
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
                transformation::update, transformation::observe);
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

    /** The last link of an optimiser: {@code scale(-learningRate)}. */
    private static GradientTransformation<?> descentBy(String optimizer, double learningRate) {
        checkLearningRate(optimizer, learningRate);
        return scale(-learningRate);
    }

    /** The last link of an optimiser with a schedule: {@code -learningRate(step)}, checked. */
    private static GradientTransformation<?> descentBy(String optimizer, Schedule learningRate) {
        checkNotNull(learningRate, "%s: learningRate schedule is null", optimizer);
        return scaleBySchedule(descent(optimizer, learningRate));
    }

    /** {@code addDecayedWeights(weightDecay)}, or null (left out of the chain) when it is 0. */
    private static GradientTransformation<?> weightDecay(String optimizer, double weightDecay) {
        checkArgument(weightDecay >= 0 && Double.isFinite(weightDecay),
                "%s: weightDecay must be >= 0 and finite, got %s", optimizer, weightDecay);
        return weightDecay == 0 ? null : addDecayedWeights(weightDecay);
    }

    /** {@link #chain} of the links that are not null. */
    private static GradientTransformation<ChainState> chainOf(
            GradientTransformation<?>... links) {
        List<GradientTransformation<?>> present = new ArrayList<>();
        for (GradientTransformation<?> link : links) {
            if (link != null) {
                present.add(link);
            }
        }
        return chain(present.toArray(new GradientTransformation<?>[0]));
    }

    private static String describe(double learningRate) {
        return String.valueOf(learningRate);
    }

    private static String describe(Schedule learningRate) {
        return learningRate instanceof NamedSchedule ? learningRate.toString() : "schedule";
    }

    private static void checkLearningRate(String optimizer, double learningRate) {
        checkArgument(learningRate > 0 && Double.isFinite(learningRate),
                "%s: learning rate must be positive and finite, got %s", optimizer, learningRate);
    }
}
