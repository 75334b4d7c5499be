package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.util.List;

/**
 * Maximum over {@code axes}, which the output drops. NaN propagates. Reducing an axis of size 0
 * is an error: max has no identity element.
 *
 * <p>VJP: the cotangent is shared equally among the elements equal to the maximum: {@code dx =
 * where(x == y, cotangent / count, 0)} with {@code count} the number of ties. This is a valid
 * subgradient and matches PyTorch's {@code amax} (TensorFlow issue #51681). Where the maximum is
 * NaN, the NaN elements share the cotangent (as in PyTorch), so a NaN is not silently given a zero
 * gradient.
 *
 * @param axes the reduced axes, sorted, distinct, non-negative
 */
public record ReduceMax(ImmutableIntArray axes) implements Primitive {
    public ReduceMax {
        axes = Primitives.checkAxes(axes);
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape shape = inputShapes.get(0);
        for (int i = 0; i < axes.length(); i++) {
            checkArgument(shape.dim(axes.get(i)) > 0,
                    "max: cannot reduce axis %s of size 0 in shape %s (max has no identity)",
                    axes.get(i), shape);
        }
        return Primitives.reducedShape("max", shape, axes, false);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        return Kernels.reduceMax(x, axes.toArray(), outputShape(List.of(x.shape())));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(shareAmongTies(cotangent, inputs.get(0), output, axes, "max"));
    }

    /**
     * The vjp of an extremum {@code y} of {@code x} over {@code axes}: {@code cotangent} shared
     * equally among the elements equal to {@code y}, or among the NaN elements where {@code y} is
     * NaN.
     */
    static Tensor shareAmongTies(Tensor cotangent, Tensor x, Tensor output,
            ImmutableIntArray axes, String op) {
        Shape kept = Primitives.reducedShape(op, x.shape(), axes, true);
        Tensor extremum = output.reshape(kept);
        Tensor ties = x.equal(extremum);
        if (Kernels.containsNaN(output)) {
            // NaN == NaN is false: a NaN extremum would otherwise send its cotangent nowhere.
            Tensor nanInput = x.equal(x).neg().add(1.0);
            Tensor nanExtremum = extremum.equal(extremum).neg().add(1.0);
            ties = ties.add(nanInput.mul(nanExtremum));
        }
        Tensor count = ties.sum(axes.toArray(), true);
        Tensor share = cotangent.reshape(kept).div(count).broadcastTo(x.shape());
        return Tensor.where(ties, share, share.zerosLike());
    }

    @Override
    public boolean acceptsIntegers() {
        return true;
    }

    /** Its cotangents are zero where an input took no part: strong zeros. */
    @Override
    public boolean selectsCotangents() {
        return true;
    }
}
