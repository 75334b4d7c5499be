package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.primitives.ImmutableIntArray;
import java.util.Arrays;
import java.util.List;

/** Shape rules shared by several primitives. */
final class Primitives {

    private Primitives() {}

    /** The common shape of inputs that must be equal; names {@code op} and the shapes if not. */
    static Shape sameShapes(String op, List<Shape> shapes) {
        Shape first = shapes.get(0);
        for (Shape shape : shapes) {
            checkArgument(shape.equals(first), "%s: shapes must be equal, got %s", op, shapes);
        }
        return first;
    }

    /**
     * The NumPy broadcast of the input shapes (binary primitives broadcast in place: their kernels
     * read a broadcast operand without copying it, and their vjps sum cotangents back with {@link
     * Tensor#sumTo}).
     */
    static Shape broadcastShapes(String op, List<Shape> shapes) {
        Shape a = shapes.get(0);
        Shape b = shapes.get(1);
        return a.equals(b) ? a : Shape.broadcast(a, b, op);
    }

    /** The one dtype of the inputs; see {@link Primitive#outputDtype}. */
    static DType sameDtype(Primitive primitive, List<DType> dtypes) {
        DType first = dtypes.get(0);
        for (DType dtype : dtypes) {
            if (dtype != first) {
                throw new IllegalArgumentException(Tensor.opName(primitive) + ": dtypes differ ("
                        + first + " and " + dtype + "); cast explicitly");
            }
        }
        if (!first.isFloatingPoint() && !primitive.acceptsIntegers()) {
            throw new IllegalArgumentException(Tensor.opName(primitive) + ": not defined for"
                    + " dtype " + first + "; cast to float32 or float64 first");
        }
        return first;
    }

    /** Sorted, distinct, non-negative axes (the public methods normalise negative ones). */
    static ImmutableIntArray checkAxes(ImmutableIntArray axes) {
        int[] sorted = axes.toArray();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            checkArgument(sorted[i] >= 0 && (i == 0 || sorted[i] != sorted[i - 1]),
                    "reduce: axes must be distinct and non-negative, got %s", axes);
        }
        return ImmutableIntArray.copyOf(sorted);
    }

    /** {@code shape} with {@code axes} removed, or set to 1 when {@code keepDims}. */
    static Shape reducedShape(String op, Shape shape, ImmutableIntArray axes, boolean keepDims) {
        boolean[] reduced = new boolean[shape.rank()];
        for (int i = 0; i < axes.length(); i++) {
            int axis = axes.get(i);
            checkArgument(axis < shape.rank(),
                    "%s: axis %s out of range for shape %s", op, axis, shape);
            reduced[axis] = true;
        }
        ImmutableIntArray.Builder dims = ImmutableIntArray.builder();
        for (int i = 0; i < shape.rank(); i++) {
            if (!reduced[i]) {
                dims.add(shape.dim(i));
            } else if (keepDims) {
                dims.add(1);
            }
        }
        return new Shape(dims.build());
    }
}
