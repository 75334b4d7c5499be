package jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.Sets;
import java.util.Map;
import jgrad.core.Params;
import jgrad.core.Tensor;

/** Checks shared by the layers' {@code withParams} and {@code withState}: same paths, shapes. */
final class ParamsChecks {

    private ParamsChecks() {}

    /**
     * Checks that {@code actual} has exactly the paths of {@code expected} and the same shape at
     * each path.
     *
     * @param layer the layer's name, for the message
     * @throws IllegalArgumentException naming the missing or unexpected paths, or the path whose
     *     shape differs with both shapes
     */
    static void checkMatches(String layer, Params expected, Params actual) {
        checkMatches(layer, "withParams", expected, actual);
    }

    /**
     * As {@link #checkMatches(String, Params, Params)}, naming {@code method} ({@code
     * withState}) in the message.
     */
    static void checkMatches(String layer, String method, Params expected, Params actual) {
        checkNotNull(actual, "%s.%s: argument is null", layer, method);
        checkArgument(expected.paths().equals(actual.paths()),
                "%s.%s: paths %s expected, got %s (missing %s, unexpected %s)",
                layer, method, expected.paths(), actual.paths(),
                Sets.difference(expected.paths(), actual.paths()),
                Sets.difference(actual.paths(), expected.paths()));
        for (Map.Entry<String, Tensor> entry : expected.asMap().entrySet()) {
            Tensor given = actual.get(entry.getKey());
            checkArgument(given.shape().equals(entry.getValue().shape()),
                    "%s.%s: %s has shape %s, expected %s",
                    layer, method, entry.getKey(), given.shape(), entry.getValue().shape());
        }
    }
}
