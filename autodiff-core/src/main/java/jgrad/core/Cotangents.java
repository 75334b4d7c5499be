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
     * {@code cotangent . operand} (matrix product, cotangent on the left) with strong zeros: a
     * zero cotangent entry contributes nothing even against an infinite or NaN operand entry, as
     * in {@link #times}. The fast kernel runs unless both a zero and a non-finite value occur; the
     * strong version then forms the {@code [m, k, n]} products and sums them.
     */
    static Tensor matmulLeft(Tensor cotangent, Tensor operand) {
        if (!Kernels.containsZero(cotangent) || Kernels.allFinite(operand)) {
            return cotangent.matmul(operand);
        }
        int m = cotangent.shape().dim(0);
        int k = cotangent.shape().dim(1);
        int n = operand.shape().dim(1);
        Shape products = Shape.of(m, k, n);
        return times(cotangent.reshape(m, k, 1).broadcastTo(products),
                operand.reshape(1, k, n).broadcastTo(products)).sum(1, false);
    }

    /** {@code operand . cotangent} with strong zeros; see {@link #matmulLeft}. */
    static Tensor matmulRight(Tensor operand, Tensor cotangent) {
        return matmulLeft(cotangent.transpose(), operand.transpose()).transpose();
    }
}
