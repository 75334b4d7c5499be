package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.util.List;

/**
 * Reverses the order of the elements along {@code axes} (NumPy's {@code flip}, PyTorch's {@code
 * torch.flip}): {@code y[..., i, ...] = x[..., n - 1 - i, ...]} on each flipped axis. Shapes:
 * {@code y} same as {@code x}; any dtype.
 *
 * <p>A primitive for speed: one strided gather (negative strides), where a composite would need
 * an index tensor of the output's size.
 *
 * <p>VJP: {@code dx = flip(cotangent, axes)}: the flip is its own inverse and its own transpose.
 *
 * @param axes the flipped axes, sorted, distinct and non-negative
 */
public record Flip(ImmutableIntArray axes) implements Primitive {
    public Flip {
        checkNotNull(axes, "flip: axes");
        axes = axes.trimmed();
        for (int i = 0; i < axes.length(); i++) {
            checkArgument(axes.get(i) >= 0 && (i == 0 || axes.get(i) > axes.get(i - 1)),
                    "flip: axes must be sorted, distinct and non-negative, got %s", axes);
        }
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape input = inputShapes.get(0);
        for (int i = 0; i < axes.length(); i++) {
            checkArgument(axes.get(i) < input.rank(),
                    "flip: axis %s out of range for shape %s", axes.get(i), input);
        }
        return input;
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.flip(inputs.get(0), axes.toArray());
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(Tensor.apply(this, cotangent));
    }

    @Override
    public boolean acceptsIntegers() {
        return true;
    }
}
