package jgrad.nn.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import java.util.Map;
import java.util.function.Predicate;
import jgrad.core.Params;
import jgrad.core.Tensor;

/**
 * The bodies of the transformations that {@link Optimizers} lists; the formulas and their
 * sources are documented there. All arithmetic is on untraced tensors, in the dtype of the
 * gradients (scalar coefficients are rounded to it, as PyTorch does with Python floats).
 */
final class Transforms {

    private Transforms() {}

    static GradientTransformation<SgdMomentumState> sgdMomentum(double momentum,
            double dampening, boolean nesterov) {
        checkArgument(0 <= momentum && momentum < 1,
                "sgdMomentum: momentum must be in [0, 1), got %s", momentum);
        checkArgument(0 <= dampening && dampening <= 1,
                "sgdMomentum: dampening must be in [0, 1], got %s", dampening);
        checkArgument(!nesterov || (momentum > 0 && dampening == 0),
                "sgdMomentum: Nesterov momentum needs momentum > 0 and dampening 0, got %s and %s",
                momentum, dampening);
        return GradientTransformation.of("sgdMomentum(momentum=" + momentum + ", dampening="
                        + dampening + ", nesterov=" + nesterov + ")",
                params -> new SgdMomentumState(0, params.zerosLike()),
                (grads, state, params) -> {
                    Params buffer = state.count() == 0
                            ? state.buffer().zipWith(grads, (b, g) -> g)
                            : state.buffer().zipWith(grads, (b, g) -> b.mul(momentum)
                                    .add(dampening == 0 ? g : g.mul(1 - dampening)));
                    Params updates = nesterov
                            ? grads.zipWith(buffer, (g, b) -> g.add(b.mul(momentum)))
                            : buffer;
                    return new Update<>(updates, new SgdMomentumState(state.count() + 1, buffer));
                });
    }

    static GradientTransformation<AmsgradState> scaleByAmsgrad(double b1, double b2, double eps) {
        checkBetas("amsgrad", b1, b2);
        checkEps("amsgrad", eps);
        return GradientTransformation.of(
                "scaleByAmsgrad(b1=" + b1 + ", b2=" + b2 + ", eps=" + eps + ")",
                params -> new AmsgradState(0, params.zerosLike(), params.zerosLike(),
                        params.zerosLike()),
                (grads, state, params) -> {
                    long t = state.count() + 1;
                    Params mu = movingAverage(state.mu(), grads, b1);
                    Params nu = movingAverage(state.nu(), grads.map(Tensor::square), b2);
                    Params nuMax = state.nuMax().zipWith(nu, Transforms::maximum);
                    double c1 = 1 - Math.pow(b1, t);
                    double sqrtC2 = Math.sqrt(1 - Math.pow(b2, t));
                    Params step = mu.zipWith(nuMax,
                            (m, v) -> m.div(c1).div(v.sqrt().div(sqrtC2).add(eps)));
                    return new Update<>(step, new AmsgradState(t, mu, nu, nuMax));
                });
    }

    static GradientTransformation<RmsState> scaleByRms(double alpha, double eps,
            boolean centered) {
        checkArgument(0 <= alpha && alpha < 1, "rmsprop: alpha must be in [0, 1), got %s", alpha);
        checkEps("rmsprop", eps);
        return GradientTransformation.of("scaleByRms(alpha=" + alpha + ", eps=" + eps
                        + ", centered=" + centered + ")",
                params -> new RmsState(params.zerosLike(),
                        centered ? params.zerosLike() : Params.of()),
                (grads, state, params) -> {
                    Params nu = movingAverage(state.nu(), grads.map(Tensor::square), alpha);
                    Params mu = centered ? movingAverage(state.mu(), grads, alpha) : state.mu();
                    Params denominator = centered
                            ? nu.zipWith(mu, (v, m) -> v.sub(m.square()).sqrt().add(eps))
                            : nu.map(v -> v.sqrt().add(eps));
                    return new Update<>(grads.zipWith(denominator, Tensor::div),
                            new RmsState(nu, mu));
                });
    }

    static GradientTransformation<AdagradState> scaleByAdagrad(double initialAccumulatorValue,
            double eps) {
        checkArgument(initialAccumulatorValue >= 0 && Double.isFinite(initialAccumulatorValue),
                "adagrad: initialAccumulatorValue must be >= 0 and finite, got %s",
                initialAccumulatorValue);
        checkEps("adagrad", eps);
        return GradientTransformation.of("scaleByAdagrad(initialAccumulatorValue="
                        + initialAccumulatorValue + ", eps=" + eps + ")",
                params -> new AdagradState(params.map(p -> Tensor.full(initialAccumulatorValue,
                        p.shape(), p.dtype()))),
                (grads, state, params) -> {
                    Params sum = state.sumOfSquares().plus(grads.map(Tensor::square));
                    return new Update<>(grads.zipWith(sum, (g, s) -> g.div(s.sqrt().add(eps))),
                            new AdagradState(sum));
                });
    }

    static GradientTransformation<AdadeltaState> scaleByAdadelta(double rho, double eps) {
        checkArgument(0 <= rho && rho < 1, "adadelta: rho must be in [0, 1), got %s", rho);
        checkEps("adadelta", eps);
        return GradientTransformation.of("scaleByAdadelta(rho=" + rho + ", eps=" + eps + ")",
                params -> new AdadeltaState(params.zerosLike(), params.zerosLike()),
                (grads, state, params) -> {
                    Params squares = movingAverage(state.squareAverage(),
                            grads.map(Tensor::square), rho);
                    Params scaled = state.deltaSquareAverage().zipWith(squares,
                            (u, v) -> u.add(eps).sqrt().div(v.add(eps).sqrt()));
                    Params delta = scaled.zipWith(grads, Tensor::mul);
                    Params deltaSquares = movingAverage(state.deltaSquareAverage(),
                            delta.map(Tensor::square), rho);
                    return new Update<>(delta, new AdadeltaState(squares, deltaSquares));
                });
    }

    static GradientTransformation<AdamaxState> scaleByAdamax(double b1, double b2, double eps) {
        checkBetas("adamax", b1, b2);
        checkEps("adamax", eps);
        return GradientTransformation.of(
                "scaleByAdamax(b1=" + b1 + ", b2=" + b2 + ", eps=" + eps + ")",
                params -> new AdamaxState(0, params.zerosLike(), params.zerosLike()),
                (grads, state, params) -> {
                    long t = state.count() + 1;
                    Params mu = movingAverage(state.mu(), grads, b1);
                    Params norm = state.infinityNorm().zipWith(grads,
                            (u, g) -> maximum(u.mul(b2), g.abs().add(eps)));
                    double c1 = 1 - Math.pow(b1, t);
                    return new Update<>(mu.zipWith(norm, (m, u) -> m.div(u).div(c1)),
                            new AdamaxState(t, mu, norm));
                });
    }

    static GradientTransformation<NadamState> scaleByNadam(double b1, double b2, double eps,
            double momentumDecay) {
        checkBetas("nadam", b1, b2);
        checkEps("nadam", eps);
        checkArgument(momentumDecay >= 0 && Double.isFinite(momentumDecay),
                "nadam: momentumDecay must be >= 0 and finite, got %s", momentumDecay);
        return GradientTransformation.of("scaleByNadam(b1=" + b1 + ", b2=" + b2 + ", eps=" + eps
                        + ", momentumDecay=" + momentumDecay + ")",
                params -> new NadamState(0, 1.0, params.zerosLike(), params.zerosLike()),
                (grads, state, params) -> {
                    long t = state.count() + 1;
                    double muT = b1 * (1 - 0.5 * Math.pow(0.96, t * momentumDecay));
                    double muNext = b1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * momentumDecay));
                    double muProduct = state.muProduct() * muT;
                    double gradientWeight = (1 - muT) / (1 - muProduct);
                    double momentumWeight = muNext / (1 - muProduct * muNext);
                    double sqrtC2 = Math.sqrt(1 - Math.pow(b2, t));
                    Params mu = movingAverage(state.mu(), grads, b1);
                    Params nu = movingAverage(state.nu(), grads.map(Tensor::square), b2);
                    Params denominator = nu.map(v -> v.sqrt().div(sqrtC2).add(eps));
                    Params step = grads.zipWith(denominator,
                                    (g, d) -> g.div(d).mul(gradientWeight))
                            .plus(mu.zipWith(denominator, (m, d) -> m.div(d).mul(momentumWeight)));
                    return new Update<>(step, new NadamState(t, muProduct, mu, nu));
                });
    }

    static GradientTransformation<AdamState> scaleByRadam(double b1, double b2, double eps) {
        checkBetas("radam", b1, b2);
        checkEps("radam", eps);
        double rhoInfinity = 2 / (1 - b2) - 1;
        return GradientTransformation.of(
                "scaleByRadam(b1=" + b1 + ", b2=" + b2 + ", eps=" + eps + ")",
                params -> new AdamState(0, params.zerosLike(), params.zerosLike()),
                (grads, state, params) -> {
                    long t = state.count() + 1;
                    Params mu = movingAverage(state.mu(), grads, b1);
                    Params nu = movingAverage(state.nu(), grads.map(Tensor::square), b2);
                    double c1 = 1 - Math.pow(b1, t);
                    double c2 = 1 - Math.pow(b2, t);
                    double rho = rhoInfinity - 2 * t * Math.pow(b2, t) / c2;
                    Params step;
                    if (rho > 5) {
                        double rectification = Math.sqrt((rho - 4) * (rho - 2) * rhoInfinity
                                / ((rhoInfinity - 4) * (rhoInfinity - 2) * rho));
                        double sqrtC2 = Math.sqrt(c2);
                        step = mu.zipWith(nu, (m, v) -> m.div(c1)
                                .mul(Tensor.scalar(sqrtC2, v.dtype()).div(v.sqrt().add(eps)))
                                .mul(rectification));
                    } else {
                        step = mu.map(m -> m.div(c1));
                    }
                    return new Update<>(step, new AdamState(t, mu, nu));
                });
    }

    static GradientTransformation<LionState> scaleByLion(double b1, double b2) {
        checkBetas("lion", b1, b2);
        return GradientTransformation.of("scaleByLion(b1=" + b1 + ", b2=" + b2 + ")",
                params -> new LionState(params.zerosLike()),
                (grads, state, params) -> {
                    Params step = state.mu().zipWith(grads,
                            (m, g) -> sign(m.mul(b1).add(g.mul(1 - b1))));
                    return new Update<>(step, new LionState(movingAverage(state.mu(), grads, b2)));
                });
    }

    static GradientTransformation<EmptyState> clipByValue(double maxDelta) {
        checkArgument(maxDelta >= 0 && Double.isFinite(maxDelta),
                "clipByValue: maxDelta must be >= 0 and finite, got %s", maxDelta);
        return GradientTransformation.of("clipByValue(" + maxDelta + ")",
                params -> new EmptyState(),
                (grads, state, params) -> new Update<>(grads.map(g -> {
                    Tensor high = Tensor.scalar(maxDelta, g.dtype());
                    Tensor low = Tensor.scalar(-maxDelta, g.dtype());
                    return Tensor.where(g.greater(high), high, Tensor.where(g.less(low), low, g));
                }), state));
    }

    static GradientTransformation<EmptyState> clipByNorm(double maxNorm) {
        checkMaxNorm("clipByNorm", maxNorm);
        return GradientTransformation.of("clipByNorm(" + maxNorm + ")",
                params -> new EmptyState(),
                (grads, state, params) -> new Update<>(grads.map(g -> {
                    double norm = Math.sqrt(sumOfSquares(g));
                    return norm <= maxNorm ? g : g.mul(maxNorm / norm);
                }), state));
    }

    static GradientTransformation<EmptyState> clipByGlobalNorm(double maxNorm) {
        checkMaxNorm("clipByGlobalNorm", maxNorm);
        return GradientTransformation.of("clipByGlobalNorm(" + maxNorm + ")",
                params -> new EmptyState(),
                (grads, state, params) -> {
                    double norm = Math.sqrt(globalSumOfSquares(grads));
                    return new Update<>(norm <= maxNorm ? grads : grads.scale(maxNorm / norm),
                            state);
                });
    }

    /** {@code sqrt(sum over all tensors of sum(g²))}, accumulated in float64. */
    static double globalNorm(Params grads) {
        return Math.sqrt(globalSumOfSquares(checkNotNull(grads, "globalNorm: grads is null")));
    }

    static GradientTransformation<PlateauState> reduceOnPlateau(ReduceOnPlateau rule) {
        checkNotNull(rule, "reduceOnPlateau: rule is null");
        return GradientTransformation.of("reduceOnPlateau(" + rule + ")",
                params -> rule.initialState(),
                (grads, state, params) -> new Update<>(
                        state.scale() == 1 ? grads : grads.scale(state.scale()), state),
                rule::observe);
    }

    static <S> GradientTransformation<MaskedState> masked(GradientTransformation<S> inner,
            Predicate<String> mask) {
        checkNotNull(inner, "masked: transformation is null");
        checkNotNull(mask, "masked: mask is null");
        return GradientTransformation.of("masked(" + inner + ")",
                params -> new MaskedState(inner.init(select(params, mask))),
                (grads, state, params) -> {
                    @SuppressWarnings("unchecked")
                    S innerState = (S) state.inner();
                    Update<S> update = inner.update(select(grads, mask), innerState,
                            params == null ? null : select(params, mask));
                    ImmutableMap.Builder<String, Tensor> merged = ImmutableMap.builder();
                    for (Map.Entry<String, Tensor> entry : grads.asMap().entrySet()) {
                        merged.put(entry.getKey(), mask.test(entry.getKey())
                                ? update.updates().get(entry.getKey()) : entry.getValue());
                    }
                    return new Update<>(Params.copyOf(merged.buildOrThrow()),
                            new MaskedState(update.state()));
                },
                (state, metric) -> {
                    @SuppressWarnings("unchecked")
                    S innerState = (S) state.inner();
                    return new MaskedState(inner.observe(innerState, metric));
                });
    }

    private static Params select(Params params, Predicate<String> mask) {
        ImmutableMap.Builder<String, Tensor> selected = ImmutableMap.builder();
        params.asMap().forEach((path, tensor) -> {
            if (mask.test(path)) {
                selected.put(path, tensor);
            }
        });
        return Params.copyOf(selected.buildOrThrow());
    }

    // ---------------------------------------------------------------- helpers

    /** {@code decay · average + (1 - decay) · value}, PyTorch's {@code mul_(decay).add_(value,
     * alpha=1 - decay)}. */
    static Params movingAverage(Params average, Params value, double decay) {
        return average.zipWith(value, (a, v) -> a.mul(decay).add(v.mul(1 - decay)));
    }

    /** Elementwise maximum; NaN in either argument gives NaN (as {@code torch.maximum}). */
    static Tensor maximum(Tensor a, Tensor b) {
        Tensor larger = Tensor.where(a.less(b), b, a);
        return Tensor.where(b.equal(b), larger, b);
    }

    /** Elementwise sign, -1, 0 or 1; NaN stays NaN (as {@code jnp.sign}). */
    static Tensor sign(Tensor x) {
        return Tensor.where(x.equal(x), x.greater(0.0).sub(x.less(0.0)), x);
    }

    private static double sumOfSquares(Tensor g) {
        return g.square().sum().item();
    }

    private static double globalSumOfSquares(Params grads) {
        double sum = 0;
        for (Tensor g : grads.asMap().values()) {
            sum += sumOfSquares(g);
        }
        return sum;
    }

    private static void checkBetas(String optimizer, double b1, double b2) {
        checkArgument(0 <= b1 && b1 < 1 && 0 <= b2 && b2 < 1,
                "%s: betas not in [0, 1): %s, %s", optimizer, b1, b2);
    }

    private static void checkEps(String optimizer, double eps) {
        checkArgument(eps >= 0 && Double.isFinite(eps),
                "%s: eps must be >= 0 and finite, got %s", optimizer, eps);
    }

    private static void checkMaxNorm(String transformation, double maxNorm) {
        checkArgument(maxNorm > 0 && Double.isFinite(maxNorm),
                "%s: maxNorm must be positive and finite, got %s", transformation, maxNorm);
    }
}
