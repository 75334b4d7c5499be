package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.primitives.ImmutableIntArray;
import java.util.Arrays;

/**
 * Network operations composed from primitives: pooling (convolution joins them); see the public
 * methods on {@link Tensor} for their contracts.
 */
final class NetworkOps {

    private NetworkOps() {}

    static Tensor maxPool1d(Tensor x, int window, int stride) {
        Shape shape = x.shape();
        int rank = x.rank();
        checkArgument(rank >= 1, "maxPool1d: needs rank >= 1, got shape %s", shape);
        int n = shape.dim(rank - 1);
        checkArgument(window >= 1 && stride >= 1,
                "maxPool1d: window %s and stride %s must be at least 1", window, stride);
        checkArgument(window <= n,
                "maxPool1d: window %s is longer than the last axis (%s) of shape %s",
                window, n, shape);
        int out = (n - window) / stride + 1;
        int[] columnDims = Arrays.copyOf(shape.toArray(), rank + 1);
        columnDims[rank - 1] = out;
        columnDims[rank] = 1;
        Shape column = Shape.of(columnDims);
        int[] low = new int[rank + 1];
        int[] high = new int[rank + 1];
        ImmutableIntArray interior = ImmutableIntArray.copyOf(new int[rank + 1]);
        Tensor stacked = null;
        for (int j = 0; j < window; j++) {
            low[rank] = j;
            high[rank] = window - 1 - j;
            Tensor padded = Tensor.apply(new Pad(ImmutableIntArray.copyOf(low),
                    ImmutableIntArray.copyOf(high), interior),
                    x.slice(-1, j, j + (out - 1) * stride + 1, stride).reshape(column));
            stacked = stacked == null ? padded : stacked.add(padded);
        }
        return stacked.max(-1, false);
    }
}
