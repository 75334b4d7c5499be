package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Strong zeros are the zeros a selection makes, not every zero: a branch or element that took no
 * part in the output adds exactly 0 even through an infinite derivative (case C03's kind), while
 * a cotangent that is zero by arithmetic meets an infinite derivative as IEEE 754 says, 0 * Inf =
 * NaN, as in PyTorch: never a silently wrong finite gradient.
 */
class StrongZerosTest {

    @Test
    void anArithmeticZeroThroughAnInfiniteSlopeIsNaNNotAWrongZero() {
        // sqrt(x)^2 = x for x >= 0: at 0 sqrt's slope is infinite and the cotangent reaching it is
        // 2 sqrt(0) = 0 by arithmetic. PyTorch 1.13 gives NaN; a silent 0 would be wrong.
        Tensor grad = Autodiff.grad(t -> t.sqrt().square().sum(), Tensor.of(0, 4));
        assertTrue(Double.isNaN(grad.get(0)), grad.toString());
        assertEquals(1.0, grad.get(1), 1e-15);
        Tensor product = Autodiff.grad(t -> t.sqrt().mul(t.sqrt()).sum(), Tensor.of(0, 4));
        assertTrue(Double.isNaN(product.get(0)), product.toString());
        Tensor logExp = Autodiff.grad(t -> t.log().exp().sum(), Tensor.of(0.0));
        assertTrue(Double.isNaN(logExp.get(0)), logExp.toString());
    }

    @Test
    void aSelectedAwayBranchAddsExactlyZeroThroughLongerChains() {
        // C03's kind through more than one rule: the unselected branch is tanh(exp(a)) * 3 at
        // a = 1000, where exp's derivative is infinite.
        Tensor grad = Autodiff.grad(t -> Tensor.where(t.lessEqual(0.0),
                t.exp().tanh().mul(3), t.add(1)).sum(), Tensor.of(1000, -2));
        double e = Math.exp(-2);
        double tanhPrime = 1 - Math.tanh(e) * Math.tanh(e);
        assertArrayEquals(new double[] {1, 3 * tanhPrime * e}, grad.toArray(), 1e-15);
    }

    @Test
    void reluSliceAndMaxSelectionsAreStrongToo() {
        // relu below 0 and the elements a slice does not read take no part: sqrt(x) at 0 behind
        // them adds 0, not NaN.
        Tensor relu = Autodiff.grad(t -> t.sqrt().neg().relu().sum(), Tensor.of(0, 4));
        assertArrayEquals(new double[] {0, 0}, relu.toArray(), 0.0);
        Tensor slice = Autodiff.grad(t -> t.sqrt().slice(0, 1, 2, 1).sum(), Tensor.of(0, 4));
        assertArrayEquals(new double[] {0, 0.25}, slice.toArray(), 0.0);
        Tensor max = Autodiff.grad(t -> t.sqrt().max(), Tensor.of(0, 4));
        assertArrayEquals(new double[] {0, 0.25}, max.toArray(), 0.0);
    }

    @Test
    void userValuesNeverCarryTheMark() {
        Tensor zero = Tensor.of(0, 1);
        assertTrue(!zero.strongZeros() && !zero.mul(2).strongZeros());
        // A pullback given a user's cotangent with zeros follows IEEE 754.
        Vjp<Tensor> vjp = Autodiff.vjp(Tensor::sqrt, Tensor.of(0, 4));
        assertTrue(Double.isNaN(vjp.pullback().apply(Tensor.of(0, 1)).get(0)));
    }
}
