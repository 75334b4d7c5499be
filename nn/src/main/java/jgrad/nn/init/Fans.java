package jgrad.nn.init;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Shape;

/**
 * The fan-in and fan-out of a weight, read from its shape as PyTorch's {@code
 * _calculate_fan_in_and_fan_out} does: for {@code [out, in, k1, k2, ...]} (a {@link
 * jgrad.nn.Linear} weight {@code [out, in]}, a 2-D convolution kernel {@code [out, in, kh, kw]}),
 * with the receptive field {@code r = k1 · k2 · ...} (1 for a linear weight), {@code fanIn = in ·
 * r} and {@code fanOut = out · r}.
 *
 * <pre>{@code
 * jshell> Fans.of(Shape.of(16, 4, 3, 3))
 * $1 ==> Fans[fanIn=36, fanOut=144]
 * }</pre>
 *
 * @param fanIn  inputs feeding each output unit, {@code >= 1}
 * @param fanOut outputs each input unit feeds, {@code >= 1}
 */
public record Fans(int fanIn, int fanOut) {

    /** @throws IllegalArgumentException if a fan is not positive */
    public Fans {
        checkArgument(fanIn >= 1 && fanOut >= 1,
                "fans: fanIn and fanOut must be positive, got %s and %s", fanIn, fanOut);
    }

    /**
     * The fans of a weight of {@code shape} {@code [out, in, k1, k2, ...]}.
     *
     * @throws IllegalArgumentException if {@code shape} has fewer than 2 dimensions (a bias has no
     *     fan-in and fan-out) or a zero dimension
     */
    public static Fans of(Shape shape) {
        checkNotNull(shape, "fans: shape is null");
        checkArgument(shape.rank() >= 2,
                "fans: a weight [out, in, ...] of rank >= 2 expected, got shape %s", shape);
        long receptiveField = 1;
        for (int axis = 2; axis < shape.rank(); axis++) {
            receptiveField *= shape.dim(axis);
        }
        long fanIn = shape.dim(1) * receptiveField;
        long fanOut = shape.dim(0) * receptiveField;
        checkArgument(fanIn >= 1 && fanOut >= 1,
                "fans: shape %s has a zero dimension", shape);
        return new Fans((int) fanIn, (int) fanOut);
    }

    /** The fan selected by {@code mode}. */
    public int fan(FanMode mode) {
        return checkNotNull(mode, "fans: mode is null") == FanMode.FAN_IN ? fanIn : fanOut;
    }
}
