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
     * {@code cotangent * derivative} with strong zeros: where the cotangent is exactly zero the
     * product is zero even if the local derivative is infinite or NaN (tinygrad PR #15806 fixed
     * the same trap in sqrt). The branch a {@link Where} did not select thus adds nothing, while a
     * NaN cotangent still propagates. The mask is only built when both a zero cotangent and a
     * non-finite derivative are present.
     *
     * <p>The price: a zero that comes from an overflow is strong too. In {@code log(exp(x))} at
     * {@code x = 1000} the forward value is {@code +Inf}, log's rule gives {@code 1 / Inf = 0} and
     * exp's rule keeps it 0 where PyTorch gives NaN; the infinite forward value shows the overflow
     * (stable forms such as {@code logSumExp} and {@code softplus} avoid it).
     */
    static Tensor times(Tensor cotangent, Tensor derivative) {
        Tensor product = cotangent.mul(derivative);
        if (!Kernels.containsZero(cotangent) || Kernels.allFinite(derivative)) {
            return product;
        }
        return Tensor.where(cotangent.equal(0.0), product.zerosLike(), product);
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
        if (!Kernels.containsZero(cotangent) || Kernels.allFinite(operand)) {
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
