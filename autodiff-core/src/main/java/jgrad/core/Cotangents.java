package jgrad.core;

/** The chain-rule product used by the derivative rules. */
final class Cotangents {

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
}
