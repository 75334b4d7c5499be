package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import jgrad.core.Tensor;

/**
 * The PyTorch 1.13 reference values of {@code layers/layers-torch-1.13.json}, made by {@code
 * layers/torch_reference.py}: per case, named tensors (inputs, settings, {@code output}, {@code
 * cotangent} and {@code grad_<input>} for {@code L = Σ cotangent ⊙ output}). And the cases'
 * tolerance check, {@code |got - want| <= 1e-12 + 1e-12 |want|} elementwise unless given.
 */
final class LayerFixtures {

    private static final String FIXTURE = "layers/layers-torch-1.13.json";
    private static JsonObject cases;

    private LayerFixtures() {}

    /** The case named {@code name}. */
    static Case reference(String name) {
        JsonObject all = all();
        JsonObject found = all.getAsJsonObject(name);
        if (found == null) {
            throw new AssertionError("no case " + name + " in " + FIXTURE + "; cases are "
                    + all.keySet());
        }
        return new Case(name, found);
    }

    private static synchronized JsonObject all() {
        if (cases == null) {
            try (InputStream in = LayerFixtures.class.getResourceAsStream(FIXTURE);
                    Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                cases = JsonParser.parseReader(reader).getAsJsonObject().getAsJsonObject("cases");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cases;
    }

    /** One fixture case. */
    record Case(String name, JsonObject json) {

        /** The tensor {@code key}: float64, or int64 where the fixture says so. */
        Tensor tensor(String key) {
            JsonObject encoded = json.getAsJsonObject(key);
            if (encoded == null) {
                throw new AssertionError("case " + name + " has no " + key + "; it has "
                        + json.keySet());
            }
            JsonArray shapeArray = encoded.getAsJsonArray("shape");
            int[] shape = new int[shapeArray.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeArray.get(i).getAsInt();
            }
            JsonArray data = encoded.getAsJsonArray("data");
            if (encoded.has("dtype") && encoded.get("dtype").getAsString().equals("int64")) {
                long[] values = new long[data.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = data.get(i).getAsLong();
                }
                return Tensor.ofLongs(values, shape);
            }
            double[] values = new double[data.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = data.get(i).getAsDouble();
            }
            return Tensor.of(values, shape);
        }

        /** A scalar setting. */
        double number(String key) {
            return tensor(key).item();
        }

        /** An integer setting, or its elements. */
        int[] ints(String key) {
            double[] values = tensor(key).toArray();
            int[] ints = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                ints[i] = (int) values[i];
            }
            return ints;
        }

        /** Checks {@code actual} against the tensor {@code key} with the default tolerance. */
        void assertMatches(String key, Tensor actual) {
            assertClose(tensor(key), actual, name + " " + key, 1e-12, 1e-12);
        }
    }

    /** {@code |got - want| <= atol + rtol |want|} elementwise, with equal shapes. */
    static void assertClose(Tensor expected, Tensor actual, String what, double rtol,
            double atol) {
        assertEquals(expected.shape(), actual.shape(), what + " shape");
        double[] want = expected.toArray();
        double[] got = actual.toArray();
        for (int i = 0; i < want.length; i++) {
            double allowed = atol + rtol * Math.abs(want[i]);
            int index = i;
            assertTrue(Math.abs(got[i] - want[i]) <= allowed, () -> what + " at flat index "
                    + index + ": want " + want[index] + ", got " + got[index] + ", error "
                    + Math.abs(got[index] - want[index]) + " > " + allowed);
        }
    }

    /** The default case tolerance, {@code 1e-12 + 1e-12 |want|}. */
    static void assertClose(Tensor expected, Tensor actual, String what) {
        assertClose(expected, actual, what, 1e-12, 1e-12);
    }
}
