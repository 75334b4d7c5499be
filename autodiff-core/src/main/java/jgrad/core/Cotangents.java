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
     */
    static Tensor times(Tensor cotangent, Tensor derivative) {
        Tensor product = cotangent.mul(derivative);
        if (!Kernels.containsZero(cotangent) || Kernels.allFinite(derivative)) {
            return product;
        }
        return Tensor.where(cotangent.equal(0.0), product.zerosLike(), product);
    }
}
