package jgrad.check.jqwik;

import jgrad.core.Params;
import jgrad.core.Tensor;

/**
 * Two tensors drawn together (broadcast partners, matmul operands), for properties of binary
 * operations.
 *
 * @param a the first operand
 * @param b the second operand
 */
public record TensorPair(Tensor a, Tensor b) {

    /** Both as parameters {@code "a"} and {@code "b"}, to check the gradients of both at once. */
    public Params params() {
        return Params.of("a", a, "b", b);
    }
}
