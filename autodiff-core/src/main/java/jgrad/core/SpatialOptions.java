package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.primitives.ImmutableIntArray;
import java.util.Arrays;

/** Checks and expansions shared by the option records of convolution and pooling. */
final class SpatialOptions {

    private SpatialOptions() {}

    /** {@code values}, trimmed, if it is non-empty and every value is at least {@code min}. */
    static ImmutableIntArray check(String name, ImmutableIntArray values, int min) {
        checkNotNull(values, name);
        checkArgument(values.length() > 0, "%s: needs one value, or one per spatial axis", name);
        for (int i = 0; i < values.length(); i++) {
            checkArgument(values.get(i) >= min, "%s must be at least %s, got %s",
                    name, min, values);
        }
        return values.trimmed();
    }

    /**
     * One value per spatial axis: {@code values} itself if it has {@code axes} values, else its
     * one value repeated.
     *
     * @throws IllegalArgumentException naming {@code op} if {@code values} has another length
     */
    static int[] perAxis(String op, String name, ImmutableIntArray values, int axes) {
        if (values.length() == axes) {
            return values.toArray();
        }
        checkArgument(values.length() == 1, "%s: %s %s has %s values for %s spatial axes",
                op, name, values, values.length(), axes);
        int[] out = new int[axes];
        Arrays.fill(out, values.get(0));
        return out;
    }
}
