package jgrad.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import jgrad.core.DType;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The workload graphs compute what their javadoc (and the PyTorch peer) define, checked at small
 * sizes against plain double arithmetic. No timing is asserted.
 */
class JgradWorkloadsTest {

    private static double chainOp(double v, int i, double w) {
        return switch (i % 4) {
            case 0 -> v * 0.9;
            case 1 -> v + 0.1;
            case 2 -> Math.tanh(v);
            default -> v * w;
        };
    }

    @Test
    void theChainRepeatsMulAddTanhMulByWeight() {
        Tensor out = JgradWorkloads.chain(Tensor.scalar(0.5), 9, Tensor.scalar(1.1));
        double expected = 0.5;
        for (int i = 0; i < 9; i++) {
            expected = chainOp(expected, i, 1.1);
        }
        assertEquals(expected, out.item(), 1e-15);
    }

    @Test
    void theTinyChainCheckIsTheSumPlusTheGradientSum() {
        Tensor x = JgradWorkloads.tinyChainInput(DType.FLOAT64);
        Tensor w = JgradWorkloads.tinyChainWeight(DType.FLOAT64);
        double expected = 0;
        for (int e = 0; e < 16; e++) {
            double v = (e - 7.5) / 8;
            double grad = 1;
            double weight = 0.5 + e / 16.0;
            for (int i = 0; i < 8; i++) {
                double next = chainOp(v, i, weight);
                grad *= switch (i % 4) {
                    case 0 -> 0.9;
                    case 1 -> 1;
                    case 2 -> 1 - next * next;
                    default -> weight;
                };
                v = next;
            }
            expected += v + grad;
        }
        assertEquals(expected, JgradWorkloads.tinyChainOnce(8, x, w), 1e-12);
    }

    @Test
    void theScalarGraphPicksFromThePoolAndTheLeaves() {
        double[] leaves = new double[16];
        for (int k = 0; k < 16; k++) {
            leaves[k] = (k % 2 == 0 ? 1 : -1) * (1 + k / 16.0);
        }
        List<Double> pool = new ArrayList<>();
        for (double leaf : leaves) {
            pool.add(leaf);
        }
        double v = leaves[0];
        for (int g = 0; g < 40; g++) {
            v = 0.5 * Math.tanh((v + pool.get((g * 31) % pool.size())) * leaves[(g * 17 + 5) % 16]);
            pool.add(v);
        }
        Tensor out = JgradWorkloads.scalarGraph(
                JgradWorkloads.scalarGraphLeaves(DType.FLOAT64), 160);
        assertEquals(v, out.item(), 1e-14);
    }

    @Test
    void mlpTrainingLowersTheLossOnItsBatch() {
        JgradWorkloads.MlpTraining training =
                new JgradWorkloads.MlpTraining(8, DType.FLOAT32, new SplittableRandom(0));
        double first = training.step();
        double last = first;
        for (int i = 0; i < 30; i++) {
            last = training.step();
        }
        assertTrue(last < first, "loss " + first + " -> " + last);
    }
}
