package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * Adds columns of sliding windows back onto their planes (col2im; PyTorch's {@code
 * torch.nn.functional.fold}): {@code y[n, ch, h, w] = sum of x[n, (ch * kernelHeight + i) *
 * kernelWidth + j, r * gridWidth + c]} over the taps {@code (i, j)} and windows {@code (r, c)}
 * with {@code h = r * strideHeight - padTop + i * dilationHeight} and {@code w = c * strideWidth -
 * padLeft + j * dilationWidth}; entries that fall on padding are dropped. Shapes: {@code x
 * [batch, channels * kernelHeight * kernelWidth, gridHeight * gridWidth]} -> {@code [batch,
 * channels, height, width]}; float32 or float64.
 *
 * <p>The transpose of {@link Unfold} ({@code <unfold(x), c> = <x, fold(c)>} with zero padding):
 * the vjp of unfold, and with the matrix product the body of transposed convolution. A primitive
 * for speed; the kernel is {@link jgrad.core.kernels.Windows#fold}.
 *
 * <p>VJP: {@code dx = unfold(cotangent)}, since fold is linear and its
 * transpose is unfold (and unfold's vjp is this operation again).
 *
 * @param windows the geometry; the output's last two axes are its plane
 */
public record Fold(SlidingWindows windows) implements Primitive {

    public Fold {
        checkNotNull(windows, "fold: windows");
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape x = inputShapes.get(0);
        int taps = windows.taps();
        checkArgument(x.rank() == 3 && x.dim(1) % taps == 0 && x.dim(2) == windows.windows(),
                "fold: input [batch, channels * %s taps, %s windows] expected for windows %s,"
                        + " got %s", taps, windows.windows(), windows, x);
        return Shape.of(x.dim(0), x.dim(1) / taps, windows.height(), windows.width());
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        return Kernels.fold(x, windows.plan(), outputShape(List.of(x.shape())));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(Tensor.apply(new Unfold(windows), cotangent));
    }

    /** Its cotangents are zero where an input took no part (padding, unread cells): strong. */
    @Override
    public boolean selectsCotangents() {
        return true;
    }
}
