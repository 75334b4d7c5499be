package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.util.List;

/**
 * Reorders the axes: output axis {@code i} is input axis {@code order[i]}. Shapes: {@code [d0, d1,
 * d2]} with order {@code (2, 0, 1)} -> {@code [d2, d0, d1]}.
 *
 * <p>VJP: {@code dx = permute(cotangent, inverse of order)}.
 *
 * @param order a permutation of {@code 0..rank-1}
 */
public record Permute(ImmutableIntArray order) implements Primitive {
    public Permute {
        order = order.trimmed();
        boolean[] seen = new boolean[order.length()];
        for (int i = 0; i < order.length(); i++) {
            int axis = order.get(i);
            checkArgument(0 <= axis && axis < seen.length && !seen[axis],
                    "permute: %s is not a permutation of 0..%s", order, seen.length - 1);
            seen[axis] = true;
        }
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape input = inputShapes.get(0);
        checkArgument(input.rank() == order.length(),
                "permute: order %s does not fit shape %s of rank %s", order, input, input.rank());
        int[] dims = new int[order.length()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = input.dim(order.get(i));
        }
        return Shape.of(dims);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        return Kernels.permute(x, order.toArray(), outputShape(List.of(x.shape())));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        int[] inverse = new int[order.length()];
        for (int i = 0; i < inverse.length; i++) {
            inverse[order.get(i)] = i;
        }
        return ImmutableList.of(cotangent.permute(inverse));
    }

    @Override
    public boolean acceptsIntegers() {
        return true;
    }
}
