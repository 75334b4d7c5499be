package jgrad.nn;

import static jgrad.nn.LayerFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableMap;
import java.util.SplittableRandom;
import jgrad.core.Autodiff;
import jgrad.core.DType;
import jgrad.core.Params;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.ValueAndGrad;
import org.junit.jupiter.api.Test;

/**
 * The layer cases N03 (batch normalisation), N04 (layer normalisation) and N05 (dropout) of
 * {@code /work/shared/cases/CASES.md} with their recorded values and tolerances, each followed
 * by a sibling of the same kind with other values or another layer (PyTorch 1.13 values from
 * {@code layers-torch-1.13.json}, or derived by hand in a comment).
 */
class LayerCasesTest {

    // ---------------------------------------------------------------- N03

    /** X[n, c, l] = 4c + n + l + 1, shape [4, 3, 4]. */
    private static Tensor n03Input() {
        double[] values = new double[4 * 3 * 4];
        for (int n = 0; n < 4; n++) {
            for (int c = 0; c < 3; c++) {
                for (int l = 0; l < 4; l++) {
                    values[(n * 3 + c) * 4 + l] = 4 * c + n + l + 1;
                }
            }
        }
        return Tensor.of(values, 4, 3, 4);
    }

    private static final Mode TRAINING = Mode.training(new SplittableRandom(0));

    @Test
    void n03BatchNormRunningVarianceIsUnbiased() {
        Tensor x = n03Input();
        BatchNorm1d norm = BatchNorm1d.init(3);
        Forward step = norm.forward(x, TRAINING);
        Tensor y = step.output();
        assertClose(Tensor.of(-1.8973628013792196, -1.264908534252813, -0.6324542671264065, 0),
                y.slice(0, 0, 1, 1).slice(1, 0, 1, 1).reshape(4), "y[0, 0, :]");
        assertClose(Tensor.of(0, 0.6324542671264065, 1.264908534252813, 1.8973628013792196),
                y.slice(0, 3, 4, 1).slice(1, 0, 1, 1).reshape(4), "y[3, 0, :]");
        // Every channel is the same pattern shifted by 4c, so every channel normalises alike.
        assertClose(y.slice(1, 0, 1, 1), y.slice(1, 2, 3, 1), "channel 2 as channel 0");
        assertClose(Tensor.of(0.4, 0.8, 1.2000000000000002), step.state().get("running_mean"),
                "running_mean");
        Tensor runningVar = step.state().get("running_var");
        assertClose(Tensor.of(1.1666666666666667, 1.1666666666666667, 1.1666666666666667),
                runningVar, "running_var (1.15 would be the biased variance, 2.5 the momentum"
                        + " applied to the old value)");
        // The layer is a value: training returned new state and left the layer as it was.
        assertClose(Tensor.zeros(3), norm.runningMean(), "old running mean");
        assertClose(Tensor.ones(3), norm.runningVar(), "old running var");

        BatchNorm1d trained = norm.withState(step.state());
        Tensor evaluated = trained.apply(x);
        assertClose(Tensor.of(0.5554896791985786, 1.4813058111962096, 2.4071219431938404,
                        3.3329380751914717),
                evaluated.slice(0, 0, 1, 1).slice(1, 0, 1, 1).reshape(4), "eval y[0, 0, :]");
        assertClose(Tensor.of(9.998814225574415, 10.924630357572045, 11.850446489569677,
                        12.776262621567309),
                evaluated.slice(0, 3, 4, 1).slice(1, 2, 3, 1).reshape(4), "eval y[3, 2, :]");
        // Evaluation mode through forward is apply, and returns the state unchanged.
        Forward eval = trained.forward(x, Mode.EVALUATION);
        assertClose(evaluated, eval.output(), "forward in evaluation");
        assertTrue(eval.state().allClose(step.state(), 0, 0));
    }

    @Test
    void n03BatchNormGradientInTrainingModeKeepsTheTermsThroughTheBatchStatistics() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 5}, 4, 1);
        Tensor g = Tensor.of(new double[] {1, 0, 0, 0}, 4, 1);
        BatchNorm1d norm = BatchNorm1d.init(1);
        Tensor grad = Autodiff.grad(t -> norm.forward(t, TRAINING).output().mul(g).sum(), x);
        assertClose(Tensor.of(new double[] {0.27044982513530363, -0.2704482797209778,
                -0.13522452621407036, 0.13522298079974454}, 4, 1), grad, "grad x");
    }

    @Test
    void n03BatchNormWithOneValuePerChannelInTrainingIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchNorm1d.init(2).forward(Tensor.of(new double[] {1, 2}, 1, 2),
                        TRAINING));
        assertEquals("batchNorm1d: expected more than 1 value per channel when training, got"
                + " input shape [1, 2] (the unbiased variance of one value is undefined)",
                e.getMessage());
        // Evaluation uses the running statistics and is fine with one value.
        assertClose(Tensor.of(new double[] {1, 2}, 1, 2).div(Math.sqrt(1 + 1e-5)),
                BatchNorm1d.init(2).apply(Tensor.of(new double[] {1, 2}, 1, 2)), "eval");
        // BatchNorm2d on one image of one pixel has one value per channel too.
        assertThrows(IllegalArgumentException.class, () -> BatchNorm2d.init(3)
                .forward(Tensor.ones(1, 3, 1, 1), TRAINING));
    }

    @Test
    void n03SiblingBatchNorm2dTrainingStepMatchesPyTorch() {
        checkBatchNormReference(LayerFixtures.reference("batchNorm2d"), true);
    }

    @Test
    void n03SiblingBatchNorm1dWithOtherMomentumAndEpsilonMatchesPyTorch() {
        checkBatchNormReference(LayerFixtures.reference("batchNorm1d"), false);
        checkBatchNormReference(LayerFixtures.reference("batchNorm1dSequence"), false);
    }

    /** One training step (output, running statistics, gradients) then evaluation. */
    private static void checkBatchNormReference(LayerFixtures.Case c, boolean images) {
        double eps = c.number("eps");
        double momentum = c.number("momentum");
        Tensor runningMean = c.tensor("running_mean");
        Tensor runningVar = c.tensor("running_var");
        Layer norm = images
                ? new BatchNorm2d(c.tensor("weight"), c.tensor("bias"), runningMean, runningVar,
                        eps, momentum)
                : new BatchNorm1d(c.tensor("weight"), c.tensor("bias"), runningMean, runningVar,
                        eps, momentum);
        Tensor cotangent = c.tensor("cotangent");
        Params leaves = Params.copyOf(ImmutableMap.of("x", c.tensor("x"), "weight",
                c.tensor("weight"), "bias", c.tensor("bias")));
        ValueAndGrad<Params> vg = Autodiff.valueAndGrad(p -> norm
                .withParams(Params.of("weight", p.get("weight"), "bias", p.get("bias")))
                .forward(p.get("x"), TRAINING).output().mul(cotangent).sum(), leaves);
        Forward step = norm.forward(c.tensor("x"), TRAINING);
        c.assertMatches("output", step.output());
        c.assertMatches("new_running_mean", step.state().get("running_mean"));
        c.assertMatches("new_running_var", step.state().get("running_var"));
        c.assertMatches("grad_x", vg.grad().get("x"));
        c.assertMatches("grad_weight", vg.grad().get("weight"));
        c.assertMatches("grad_bias", vg.grad().get("bias"));
        c.assertMatches("output_eval", norm.withState(step.state()).apply(c.tensor("x_eval")));
    }

    // ---------------------------------------------------------------- N04

    private static final Tensor N04_X = Tensor.of(new double[][] {{1, 2, 3, 4}, {1, 1, 1, 5}});
    private static final Tensor N04_W = Tensor.of(1, 2, -1, 0.5);
    private static final Tensor N04_B = Tensor.of(0, 0.1, 0.2, 0.3);
    private static final Tensor N04_G = Tensor.of(new double[][] {{1, 0, 2, -1}, {0.5, 1, 0, 3}});

    /** Gradient of {@code L = Σ cotangent ⊙ layerNorm(x; w, b)} by x, w and b. */
    private static ValueAndGrad<Params> layerNormGradient(Tensor x, Tensor w, Tensor b,
            Tensor cotangent) {
        return Autodiff.valueAndGrad(p -> new LayerNorm(p.get("w"), p.get("b"), 1e-5)
                .apply(p.get("x")).mul(cotangent).sum(),
                Params.copyOf(ImmutableMap.of("x", x, "w", w, "b", b)));
    }

    @Test
    void n04LayerNormGradientKeepsTheTermsThroughMeanAndVariance() {
        ValueAndGrad<Params> vg = layerNormGradient(N04_X, N04_W, N04_B, N04_G);
        assertClose(Tensor.scalar(-0.6521781293828428), vg.value(), "L");
        // Relative 1e-10 for grad x: entries near 1e-6 come from cancellation.
        assertClose(Tensor.of(new double[][] {
                {0.35777642177341956, 0.04472350614842168, -1.1627530227891942,
                        0.7602530948673529},
                {-0.19245008972907335, 0.6735738706833007, -0.48112474319986465,
                        9.622456373804774e-07}}), vg.grad().get("x"), "grad x", 1e-10, 0);
        assertClose(Tensor.of(-1.6303100734397182, -0.5773493069415827, 0.894423613312618,
                3.854508342505318), vg.grad().get("w"), "grad w");
        assertClose(Tensor.of(1.5, 1, 2, 2), vg.grad().get("b"), "grad b");
    }

    @Test
    void n04LayerNormGradientOfTheSumOfOutputsIsZero() {
        // (ii) w = 1, b = 0, L = Σ y: each normalised row sums to 0 whatever x is.
        ValueAndGrad<Params> vg = layerNormGradient(N04_X, Tensor.ones(4), Tensor.zeros(4),
                Tensor.ones(2, 4));
        assertClose(Tensor.zeros(2, 4), vg.grad().get("x"), "grad x", 0, 1e-12);
    }

    @Test
    void n04LayerNormOverOneElementHasVarianceExactlyZero() {
        // (iii) y = 0 · w + b = b exactly, so grad w = Σ normalised = 0 and grad x = 0.
        Tensor x = Tensor.of(new double[] {1e6, -3}, 2, 1);
        LayerNorm norm = new LayerNorm(Tensor.of(2.0), Tensor.of(3.0), 1e-5);
        assertClose(Tensor.of(new double[] {3, 3}, 2, 1), norm.apply(x), "y", 0, 1e-15);
        ValueAndGrad<Params> vg = layerNormGradient(x, Tensor.of(2.0), Tensor.of(3.0),
                Tensor.ones(2, 1));
        assertClose(Tensor.zeros(2, 1), vg.grad().get("x"), "grad x", 0, 1e-15);
        assertClose(Tensor.zeros(1), vg.grad().get("w"), "grad w", 0, 1e-15);
        assertClose(Tensor.of(2.0), vg.grad().get("b"), "grad b", 0, 1e-15);
    }

    @Test
    void n04SiblingLayerNormOverTwoAxesMatchesPyTorch() {
        LayerFixtures.Case c = LayerFixtures.reference("layerNorm");
        ValueAndGrad<Params> vg = layerNormGradient(c.tensor("x"), c.tensor("weight"),
                c.tensor("bias"), c.tensor("cotangent"));
        c.assertMatches("output", new LayerNorm(c.tensor("weight"), c.tensor("bias"), 1e-5)
                .apply(c.tensor("x")));
        assertClose(c.tensor("grad_x"), vg.grad().get("x"), "grad x", 1e-10, 1e-12);
        c.assertMatches("grad_weight", vg.grad().get("w"));
        c.assertMatches("grad_bias", vg.grad().get("b"));
    }

    @Test
    void n04SiblingGroupNormMatchesPyTorchAndIsExactOverOneElementPerGroup() {
        for (String name : new String[] {"groupNorm", "groupNormNoSpatial"}) {
            LayerFixtures.Case c = LayerFixtures.reference(name);
            double eps = c.json().has("eps") ? c.number("eps") : 1e-5;
            GroupNorm norm = new GroupNorm((int) c.number("numGroups"), c.tensor("weight"),
                    c.tensor("bias"), eps);
            Tensor cotangent = c.tensor("cotangent");
            ValueAndGrad<Params> vg = Autodiff.valueAndGrad(p -> norm
                    .withParams(Params.of("weight", p.get("weight"), "bias", p.get("bias")))
                    .apply(p.get("x")).mul(cotangent).sum(),
                    Params.copyOf(ImmutableMap.of("x", c.tensor("x"), "weight",
                            c.tensor("weight"), "bias", c.tensor("bias"))));
            c.assertMatches("output", norm.apply(c.tensor("x")));
            assertClose(c.tensor("grad_x"), vg.grad().get("x"), name + " grad x", 1e-10, 1e-12);
            c.assertMatches("grad_weight", vg.grad().get("weight"));
            c.assertMatches("grad_bias", vg.grad().get("bias"));
        }
        // As N04 (iii): four groups of one channel and no spatial axis give groups of one
        // element, variance exactly 0, y = bias exactly and a weight gradient of exactly 0.
        Tensor x = Tensor.of(new double[][] {{1e6, -3, 0.5, 7}});
        GroupNorm perChannel = new GroupNorm(4, Tensor.of(2, -1, 3, 0.5), Tensor.of(3, 1, 0, -2),
                1e-5);
        assertClose(Tensor.of(new double[][] {{3, 1, 0, -2}}), perChannel.apply(x), "y", 0,
                1e-15);
        Params grad = Autodiff.grad(p -> perChannel.withParams(p).apply(x).sum(),
                perChannel.params());
        assertClose(Tensor.zeros(4), grad.get("weight"), "grad w", 0, 1e-15);
        assertClose(Tensor.ones(4), grad.get("bias"), "grad b", 0, 1e-15);
    }

    // ---------------------------------------------------------------- N05

    private static final Tensor N05_X = Tensor.of(1, 2, 3, 4, 5, 6, 7, 8);
    private static final Tensor N05_MASK = Tensor.of(1, 0, 1, 1, 0, 1, 1, 1);
    private static final Tensor N05_C = Tensor.of(1, 1, 1, 1, 1, 1, 2, -1);

    @Test
    void n05DropoutScalesKeptValuesByTheKeepProbabilityInTrainingOnly() {
        Dropout dropout = new Dropout(0.25);
        // (i) training, inverted dropout with the given mask
        ValueAndGrad<Tensor> vg = Autodiff.valueAndGrad(
                x -> dropout.apply(x, N05_MASK).mul(N05_C).sum(), N05_X);
        assertClose(Tensor.of(1.3333333333333333, 0, 4, 5.333333333333333, 0, 8,
                9.333333333333334, 10.666666666666666), dropout.apply(N05_X, N05_MASK), "y");
        assertClose(Tensor.scalar(26.666666666666664), vg.value(), "L");
        assertClose(Tensor.of(1.3333333333333333, 0, 1.3333333333333333, 1.3333333333333333, 0,
                1.3333333333333333, 2.6666666666666665, -1.3333333333333333), vg.grad(),
                "grad x");
        // (ii) evaluation: y = x, grad x = c, through forward and through apply
        ValueAndGrad<Tensor> eval = Autodiff.valueAndGrad(
                x -> dropout.forward(x, Mode.EVALUATION).output().mul(N05_C).sum(), N05_X);
        assertClose(N05_X, dropout.forward(N05_X, Mode.EVALUATION).output(), "eval y");
        assertClose(N05_X, dropout.apply(N05_X), "apply y");
        assertClose(N05_C, eval.grad(), "eval grad x");
    }

    @Test
    void n05DropoutWithPOneGivesZerosAndAZeroGradientNotNaN() {
        // (iii) p = 1 in training: y = 0 and grad x = 0 (the naive x · m / (1 - p) is 0 · Inf)
        Dropout all = new Dropout(1.0);
        Tensor y = all.forward(N05_X, TRAINING).output();
        assertClose(Tensor.zeros(8), y, "y");
        Tensor grad = Autodiff.grad(x -> all.forward(x, TRAINING).output().mul(N05_C).sum(),
                N05_X);
        assertClose(Tensor.zeros(8), grad, "grad x");
        assertClose(Tensor.zeros(8), all.apply(N05_X, Tensor.ones(8)), "y with a mask of ones");
    }

    @Test
    void n05DropoutKeepsTheMeanOfOnesWithinTwoPercent() {
        // (iv) p = 0.5 on 100 000 ones with a fixed seed: mean(y) within 1 ± 0.02
        Tensor y = new Dropout(0.5).forward(Tensor.ones(100_000),
                Mode.training(new SplittableRandom(5))).output();
        double mean = y.mean().item();
        assertTrue(Math.abs(mean - 1) <= 0.02, "mean " + mean);
        // Each element is 0 or 2 = 1 / (1 - 0.5).
        for (double value : y.toArray()) {
            assertTrue(value == 0 || value == 2, "value " + value);
        }
    }

    @Test
    void n05SiblingDropoutInFloat32AndInsideASequentialScalesByOneOverKeepProbability() {
        // p = 0.6 in float32 with an explicit mask: kept values times 1 / 0.4 = 2.5.
        Dropout dropout = new Dropout(0.6);
        Tensor x = Tensor.ofFloats(2, -4, 6, 1);
        Tensor y = dropout.apply(x, Tensor.ofFloats(0, 1, 1, 0));
        assertEquals(DType.FLOAT32, y.dtype());
        assertClose(Tensor.of(0, -10, 15, 0), y.cast(DType.FLOAT64), "float32 y", 1e-6, 0);
        // p = 0 in training is the identity.
        assertClose(x.cast(DType.FLOAT64), new Dropout(0).forward(x, TRAINING).output()
                .cast(DType.FLOAT64), "p = 0", 0, 0);
        // Inside a Sequential in training, the mask comes from the mode's generator: the same
        // draws as Tensor.bernoulli with the keep probability from an equal seed.
        Linear linear = new Linear(Tensor.of(new double[][] {{1, 2}, {-1, 0.5}, {3, 0}}),
                Tensor.of(0.5, -1, 2));
        Sequential model = Sequential.of(linear, new Dropout(0.3));
        Tensor input = Tensor.of(new double[][] {{1, 2}, {-2, 1}});
        Tensor out = model.forward(input, Mode.training(new SplittableRandom(11))).output();
        Tensor mask = Tensor.bernoulli(Shape.of(2, 3), 0.7, DType.FLOAT64,
                new SplittableRandom(11));
        assertClose(linear.apply(input).mul(mask).div(0.7), out, "sequential training", 1e-15,
                0);
        assertClose(linear.apply(input), model.apply(input), "sequential evaluation", 0, 0);
        // Its parameter gradient is the masked, scaled one: d/dW Σ y = (mask / 0.7)^T x.
        Params grad = Autodiff.grad(p -> model.withParams(p)
                .forward(input, Mode.training(new SplittableRandom(11))).output().sum(),
                model.params());
        assertClose(mask.div(0.7).transpose().matmul(input), grad.get("0.weight"),
                "grad weight");
    }
}
