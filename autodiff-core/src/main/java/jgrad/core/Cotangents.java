package jgrad.core;

/** The chain-rule products used by the derivative rules. */
final class Cotangents {

    /**
     * What a rule returns for an input that is not traced: the backward pass never reads it, so
     * rules skip the work (in training, the data and the targets are such inputs).
     */
    static final Tensor UNUSED = Tensor.scalar(0.0);

    private Cotangents() {}

    /**
     * {@code cotangent * derivative}, honouring strong zeros ({@link StrongZeros}): where a
     * cotangent marked strong is exactly zero the product is zero even if the local derivative is
     * infinite or NaN (tinygrad PR #15806 fixed the same trap in sqrt), so the branch a {@link
     * Where} did not select adds nothing, while a NaN cotangent still propagates. Ordinary zeros
     * follow IEEE 754 ({@code 0 * Inf = NaN}, as PyTorch). The mask is only built when a strong
     * zero meets a non-finite derivative.
     */
    static Tensor times(Tensor cotangent, Tensor derivative) {
        if (!cotangent.strongZeros() || !Kernels.containsZero(cotangent)
                || Kernels.allFinite(derivative)) {
            return cotangent.mul(derivative);
        }
        // The derivative is masked before the product, so no 0 * Inf = NaN is ever formed.
        Tensor zero = cotangent.equal(0.0);
        Tensor safe = Tensor.where(zero, derivative.zerosLike(), derivative);
        return cotangent.mul(safe).withStrongZeros();
    }

    /**
     * {@code op(a) . op(b)} by {@code MatMul(transposeA, transposeB)}, where one of {@code a} and
     * {@code b} is a cotangent, with strong zeros: a zero cotangent entry contributes nothing even
     * against an infinite or NaN entry of the other operand, as in {@link #times}. The fast kernel
     * runs unless both a zero and a non-finite value occur; the strong version then forms the
     * {@code [..., m, k, n]} products and sums them.
     *
     * @param cotangentIsA whether {@code a} is the cotangent (else {@code b} is)
     */
    static Tensor matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB,
            boolean cotangentIsA) {
        Tensor cotangent = cotangentIsA ? a : b;
        Tensor operand = cotangentIsA ? b : a;
        if (!cotangent.strongZeros() || !Kernels.containsZero(cotangent)
                || Kernels.allFinite(operand)) {
            return Tensor.apply(new MatMul(transposeA, transposeB), a, b);
        }
        Tensor left = transposeA ? swapLastTwo(a) : a;
        Tensor right = transposeB ? swapLastTwo(b) : b;
        Tensor products = cotangentIsA
                ? times(unsqueeze(left, left.rank()), unsqueeze(right, right.rank() - 2))
                : times(unsqueeze(right, right.rank() - 2), unsqueeze(left, left.rank()));
        return products.sum(-2, false);
    }

    private static Tensor swapLastTwo(Tensor x) {
        int[] order = new int[x.rank()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        order[order.length - 2] = order.length - 1;
        order[order.length - 1] = order.length - 2;
        return x.permute(order);
    }

    /** {@code x} with a new axis of size 1 at {@code axis}. */
    private static Tensor unsqueeze(Tensor x, int axis) {
        int[] dims = new int[x.rank() + 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            dims[i] = i == axis ? 1 : x.shape().dim(j++);
        }
        return x.reshape(dims);
    }
}
