package jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jgrad.core.Params;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * CASES.md's N06 (where Adam's epsilon goes) and N07 (RMSprop's epsilon outside the root), each
 * with siblings in other optimisers. The sibling values were computed with PyTorch 1.13 by {@code
 * make_optimizer_fixtures.py --cases}; the first update is derived by hand in each comment.
 */
class OptimizerCasesTest {

    private static final double[] N06_GRADIENTS = {1e-3, -2e-3, 5e-4};
    private static final double[] N07_GRADIENTS = {0.5, -1.0, 0.25};

    /** Runs {@code optimizer} from {@code w0} with the given gradients; w after each update. */
    static <S> double[] run(GradientTransformation<S> optimizer, double w0, double... grads) {
        Params params = Params.of("w", Tensor.scalar(w0));
        S state = optimizer.init(params);
        double[] trajectory = new double[grads.length];
        for (int i = 0; i < grads.length; i++) {
            Update<S> update = optimizer.update(Params.of("w", Tensor.scalar(grads[i])), state,
                    params);
            params = params.plus(update.updates());
            state = update.state();
            trajectory[i] = params.get("w").item();
        }
        return trajectory;
    }

    private static void assertTrajectory(double[] want, double[] got) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-12, "after update " + (i + 1));
        }
    }

    @Test
    void n06AdamAddsEpsilonToTheBiasCorrectedRoot() {
        // Step 1: m^ = g, v^ = g^2, so w1 = 1 - 0.1 * 1e-3 / (1e-3 + 1e-3) = 0.95.
        assertTrajectory(new double[] {0.95, 0.9724278580726168, 0.9802121395139826},
                run(Optimizers.adam(0.1, 0.9, 0.999, 1e-3), 1, N06_GRADIENTS));
        assertTrajectory(new double[] {0.9, 0.9366103527035843, 0.9502794190086667},
                run(Optimizers.adam(0.1, 0.9, 0.999, 0), 1, N06_GRADIENTS));
        // The AMSGrad variant puts epsilon in the same place: its first update is the same.
        assertEquals(0.95, run(Optimizers.adam(0.1, 0.9, 0.999, 1e-3, 0, true), 1,
                N06_GRADIENTS)[0], 1e-12);
    }

    @Test
    void adamaxAddsEpsilonToTheGradientInsideTheMaximum() {
        // Step 1: m = 1e-4, u = max(0, |1e-3| + 1e-3) = 2e-3, w1 = 1 - 0.1 / 0.1 * 1e-4 / 2e-3.
        // Step 3 tells PyTorch's max(b2 u, |g| + eps) from Optax's max(b2 u, |g|) + eps (their
        // u are 2.997e-3 and 2.998e-3).
        assertTrajectory(new double[] {0.95, 0.9692982456140351, 0.9753313389780017},
                run(Optimizers.adamax(0.1, 0.9, 0.999, 1e-3, 0), 1, N06_GRADIENTS));
        assertTrajectory(new double[] {0.9, 0.9289473684210526, 0.9379970084670026},
                run(Optimizers.adamax(0.1, 0.9, 0.999, 0, 0), 1, N06_GRADIENTS));
    }

    @Test
    void nadamAddsEpsilonToTheBiasCorrectedRoot() {
        // d = sqrt(v / (1 - b2^t)) + eps: at step 1, d = 1e-3 + 1e-3, half of d at eps = 0, so
        // the first step is half as long: 1 - 0.9471774110822305 = (1 - 0.8943548221644612) / 2.
        assertTrajectory(new double[] {0.9471774110822305, 1.0027140046384586, 0.9906822690289331},
                run(Optimizers.nadam(0.1, 0.9, 0.999, 1e-3, 0, 4e-3), 1, N06_GRADIENTS));
        assertTrajectory(new double[] {0.8943548221644612, 0.9850105714324467, 0.9638830475818998},
                run(Optimizers.nadam(0.1, 0.9, 0.999, 0, 0, 4e-3), 1, N06_GRADIENTS));
    }

    @Test
    void n07RmspropAddsEpsilonOutsideTheSquareRoot() {
        // PyTorch's form w <- w - lr * g / (sqrt(v) + eps). Step 1: v = 0.1 * 0.25 = 0.025,
        // w1 = 1 - 0.01 * 0.5 / (0.158113883 + 0.1) = 0.98062870566.
        assertTrajectory(new double[] {0.9806287056638603, 1.0028509278860824,
            0.9971861165406007}, run(Optimizers.rmsprop(0.01, 0.9, 0.1, 0, 0, false), 1,
                N07_GRADIENTS));
        // TensorFlow's form g / sqrt(v + eps) would give 0.9858578643762691 first.
        assertTrajectory(new double[] {0.9683772233983162, 0.9969486519697448,
            0.9896241677783817}, run(Optimizers.rmsprop(0.01, 0.9, 0, 0, 0, false), 1,
                N07_GRADIENTS));
    }

    @Test
    void centredRmspropAddsEpsilonOutsideTheRootOfTheVariance() {
        // Step 1: v = 0.025, g_avg = 0.05, sqrt(0.025 - 0.0025) = 0.15, w1 = 1 - 0.01 * 0.5 /
        // (0.15 + 0.1) = 0.98.
        assertTrajectory(new double[] {0.98, 1.002439055369179, 0.99676292007519},
                run(Optimizers.rmsprop(0.01, 0.9, 0.1, 0, 0, true), 1, N07_GRADIENTS));
    }

    @Test
    void adagradAddsEpsilonOutsideAndAdadeltaInsideTheRoot() {
        // Adagrad step 1: s = 0.25, w1 = 1 - 0.1 * 0.5 / (0.5 + 0.1) = 0.91666...
        assertTrajectory(new double[] {0.9166666666666666, 0.9987661818884324,
            0.9786962409337499}, run(Optimizers.adagrad(0.1, 0, 0, 0, 0.1), 1, N07_GRADIENTS));
        // Adadelta step 1: v = 0.025, delta = sqrt(0 + 0.1) / sqrt(0.025 + 0.1) * 0.5 =
        // 0.4472135955, w1 = 0.5527864045.
        assertTrajectory(new double[] {0.5527864045000421, 1.2871744781345678,
            1.0643873199302467}, run(Optimizers.adadelta(1.0, 0.9, 0.1, 0), 1, N07_GRADIENTS));
    }

    @Test
    void sgdDampeningSparesTheFirstUpdateAndNesterovLooksAhead() {
        // momentum 0.9, dampening 0.5, gradient 1 from w0 = 0: buffers 1, 0.9 + 0.5 = 1.4,
        // 1.26 + 0.5 = 1.76; w = -0.1, -0.24, -0.416. Nesterov (no dampening): buffers 1, 1.9,
        // updates g + 0.9 b = 1.9, 2.71; w = -0.19, -0.461.
        assertTrajectory(new double[] {-0.1, -0.24, -0.416},
                run(Optimizers.sgd(0.1, 0.9, 0.5, 0, false), 0, 1, 1, 1));
        assertTrajectory(new double[] {-0.19, -0.461},
                run(Optimizers.sgd(0.1, 0.9, 0, 0, true), 0, 1, 1));
    }

    @Test
    void coupledDecayEntersTheMomentAndDecoupledDecayDoesNot() {
        // Zero gradients from w0 = 1, weight decay 0.1, lr 0.1. Adam (coupled): g = 0.1 * w, so
        // m^ = 0.1 and sqrt(v^) = 0.1, w1 = 1 - 0.1 * 0.1 / (0.1 + 1e-8) = 0.90000001. AdamW
        // (decoupled): the Adam direction of a zero gradient is 0, w1 = 1 - 0.1 * 0.1 = 0.99.
        double adam = run(Optimizers.adam(0.1, 0.9, 0.999, 1e-8, 0.1, false), 1, 0)[0];
        double adamW = run(Optimizers.adamW(0.1, 0.9, 0.999, 1e-8, 0.1, false), 1, 0)[0];
        assertEquals(1 - 0.01 / (0.1 + 1e-8), adam, 1e-15);
        assertEquals(0.99, adamW, 1e-15);
        // Lion is decoupled too: sign(0) = 0, w1 = 1 - 0.1 * 0.1 * 1.
        assertEquals(0.99, run(Optimizers.lion(0.1, 0.9, 0.99, 0.1), 1, 0)[0], 1e-15);
    }

    @Test
    void radamTakesPlainMomentumStepsUntilTheVarianceIsTractable() {
        // b2 = 0.999: rho_t = 1999 - 2t 0.999^t / (1 - 0.999^t) is 4.996 at t = 5 and 5.994 at
        // t = 6, so the first five updates are lr * m^ = lr * g for a constant gradient; the
        // sixth is rectified: with m^ = 1 and v = 1 - b2^6, it is lr * r_6 * sqrt(1 - b2^6) /
        // (sqrt(v) + eps) = 0.1 * r_6 up to eps, r_6 = sqrt((rho - 4)(rho - 2) 1999 / (1995 *
        // 1997 * rho)) = 0.025821112801872277 at rho = rho_6.
        double[] w = run(Optimizers.radam(0.1), 0, 1, 1, 1, 1, 1, 1);
        for (int i = 0; i < 5; i++) {
            assertEquals(-0.1 * (i + 1), w[i], 1e-12, "update " + (i + 1));
        }
        assertEquals(-0.1 * 0.025821112801872277, w[5] - w[4], 1e-9);
    }
}
