package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * The derivatives table: the closed set of operations that carry a derivative rule. Every other
 * operation in jgrad (sub, div, relu, softmax, losses, layers) is composed from these.
 *
 * <p>Each record holds the operation's static parameters and declares in one place its shape rule,
 * its forward kernel and its vector-Jacobian product. The {@code permits} clause, ordered by
 * category, is the table's index: elementwise unary; elementwise binary (equal shapes; public
 * methods broadcast first); selection; reduction; movement; linear algebra; network operations.
 *
 * <p>Rules are written with {@link Tensor} operations, never raw loops, so the backward pass can
 * itself be recorded and differentiated again (grad of grad). Zero cotangents are strong: a zero
 * cotangent times an infinite or NaN local derivative contributes exactly zero, so the branch a
 * {@link Where} did not select never poisons a gradient.
 */
public sealed interface Primitive permits
        // elementwise unary
        Neg, Recip, Exp, Log, Log1p, Sqrt, Tanh, Sigmoid, Relu, Cast, Sin, Cos, Expm1, Erf, Erfc,
        Asin, Acos, Sinh, Cosh,
        // elementwise binary (broadcast in place)
        Add, Mul, Div, Pow, Atan2, Maximum, Minimum,
        // selection
        Less, Equal, Where,
        // reduction
        ReduceSum, ReduceMax, LogSoftmax, ReduceMin, ReduceProd, Cumsum, Cumprod,
        // movement
        BroadcastTo, Reshape, Permute, Slice, Pad, Flip, Concat,
        // indexing
        IndexSelect, IndexAdd, Gather, ScatterAdd,
        // linear algebra
        MatMul,
        // network operations
        Unfold, Fold,
        // user-defined operations: the one non-sealed entry
        CustomOp {

    /**
     * The output dtype for these input dtypes. By default every input has one dtype, which the
     * output keeps; it must be a float dtype unless {@link #acceptsIntegers()}.
     *
     * @throws IllegalArgumentException naming the operation and the dtypes if they do not fit
     */
    default DType outputDtype(List<DType> inputDtypes) {
        return Primitives.sameDtype(this, inputDtypes);
    }

    /**
     * Whether the operation has integer kernels (movement, comparisons, selection, {@code add},
     * {@code mul}, {@code neg}, {@code maximum}, {@code minimum}, sums, products, maxima, minima
     * and running sums and products do). Integer results are never traced.
     */
    default boolean acceptsIntegers() {
        return false;
    }

    /**
     * The output shape for these input shapes.
     *
     * @throws IllegalArgumentException naming the operation and the shapes if they do not fit
     */
    Shape outputShape(List<Shape> inputShapes);

    /** Computes the output from plain values; records nothing. */
    Tensor forward(List<Tensor> inputs);

    /**
     * One cotangent per input, each of that input's shape, given the output's cotangent. The
     * entry of an untraced input (a mask, data, a constant) is never read: rules skip its work
     * and return {@code Cotangents.UNUSED} there.
     */
    ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output);

    /**
     * Where the operation is defined and smooth in its (first, elementwise) input: the interval,
     * poles and kinks a gradient check must respect ({@code jgrad.check.GradChecker#domain}) and
     * tensor arbitraries avoid. All reals without kinks unless the operation says otherwise.
     */
    default Domain domain() {
        return Domain.REALS;
    }

    /**
     * Whether the vjp selects: the cotangents it returns are zero exactly where an input took no
     * part in the output (where's unselected branch, relu below 0, the non-maximal elements of a
     * max, elements a slice or gather did not read). The backward pass marks those zeros strong
     * ({@link StrongZeros}). False by default.
     */
    default boolean selectsCotangents() {
        return false;
    }

    /** False for masks ({@link Less}, {@link Equal}): their outputs are never traced. */
    default boolean isDifferentiable() {
        return true;
    }
}
