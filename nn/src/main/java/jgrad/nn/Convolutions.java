package jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.primitives.ImmutableIntArray;
import jgrad.core.ConvOptions;
import jgrad.core.Tensor;

/** Checks and printing shared by {@link Conv1d} and {@link Conv2d}. */
final class Convolutions {

    private Convolutions() {}

    static void checkBias(String layer, Tensor weight, Tensor bias, ConvOptions options) {
        int out = weight.shape().dim(0);
        checkArgument(bias.rank() == 1 && bias.shape().dim(0) == out,
                "%s: bias [out] = [%s] expected for weight %s, got shape %s", layer, out,
                weight.shape(), bias.shape());
        checkArgument(weight.dtype() == bias.dtype(), "%s: weight is %s but bias is %s", layer,
                weight.dtype(), bias.dtype());
        checkArgument(out % options.groups() == 0, "%s: groups %s must divide the %s output"
                + " channels", layer, options.groups(), out);
    }

    static void checkSizes(String layer, int in, int out, ConvOptions options) {
        checkArgument(in > 0 && out > 0, "%s: channels must be positive, got in=%s, out=%s",
                layer, in, out);
        checkArgument(in % options.groups() == 0 && out % options.groups() == 0, "%s: groups %s"
                + " must divide in=%s and out=%s", layer, options.groups(), in, out);
    }

    /** {@code ", stride=[1, 1], padding=[1, 1]"} and dilation and groups where not 1. */
    static String describe(ConvOptions options, int axes) {
        StringBuilder out = new StringBuilder();
        out.append(", stride=").append(perAxis(options.stride(), axes));
        out.append(", padding=").append(perAxis(options.padding(), axes));
        ImmutableIntArray dilation = perAxis(options.dilation(), axes);
        if (dilation.stream().anyMatch(d -> d != 1)) {
            out.append(", dilation=").append(dilation);
        }
        if (options.groups() != 1) {
            out.append(", groups=").append(options.groups());
        }
        return out.toString();
    }

    /** One value for every axis expanded to {@code axes} values. */
    static ImmutableIntArray perAxis(ImmutableIntArray values, int axes) {
        if (values.length() == axes) {
            return values;
        }
        int[] expanded = new int[axes];
        java.util.Arrays.fill(expanded, values.get(0));
        return ImmutableIntArray.copyOf(expanded);
    }
}
