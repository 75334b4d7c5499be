package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * Extracts sliding windows into columns (im2col; PyTorch's {@code torch.nn.functional.unfold}):
 * {@code y[n, (ch * kernelHeight + i) * kernelWidth + j, r * gridWidth + c] = x[n, ch, r *
 * strideHeight - padTop + i * dilationHeight, c * strideWidth - padLeft + j * dilationWidth]},
 * and 0 where that cell is outside the plane. Shapes: {@code x [batch, channels,
 * height, width]} -> {@code [batch, channels * kernelHeight * kernelWidth, gridHeight *
 * gridWidth]}; float32 or float64.
 *
 * <p>A primitive for speed: convolution is one matrix product of these columns, and pooling one
 * reduction over them, so neither needs an operation per window. The kernel is {@link
 * jgrad.core.kernels.Windows#unfold}. (Max pooling adds {@code -Inf} to the padding cells
 * afterwards, so that padding never wins a window.)
 *
 * <p>VJP: {@code dx = fold(cotangent)} ({@link Fold} with the same windows): each column entry is
 * a copy of one input cell, so its cotangent is added back onto that cell, summed where windows
 * overlap; entries on padding are constants and are dropped. Fold's vjp is this operation again.
 *
 * @param windows the geometry; {@code x}'s last two axes must be its plane
 */
public record Unfold(SlidingWindows windows) implements Primitive {

    public Unfold {
        checkNotNull(windows, "unfold: windows");
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape x = inputShapes.get(0);
        checkArgument(x.rank() == 4 && x.dim(2) == windows.height() && x.dim(3) == windows.width(),
                "unfold: input [batch, channels, %s, %s] expected for windows %s, got %s",
                windows.height(), windows.width(), windows, x);
        long rows = (long) x.dim(1) * windows.taps();
        checkArgument(rows <= Integer.MAX_VALUE,
                "unfold: %s channels times %s taps is too many rows", x.dim(1), windows.taps());
        return Shape.of(x.dim(0), (int) rows, windows.windows());
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        return Kernels.unfold(x, windows.plan(), 0.0, outputShape(List.of(x.shape())));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(Tensor.apply(new Fold(windows), cotangent));
    }

    /** Its cotangents are zero where an input took no part (padding, unread cells): strong. */
    @Override
    public boolean selectsCotangents() {
        return true;
    }
}
