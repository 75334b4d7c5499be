package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The movement and indexing operations against PyTorch 1.13 in float64 (NumPy 1.24 for
 * negative-step slices and {@code np.take} with negative indices, which PyTorch lacks): values,
 * and the vjp of every float input for the fixture's random cotangents, from {@code
 * movement-indexing-torch-1.13.json}, which {@code movement_indexing_reference.py} (beside it in
 * the test resources) wrote. Values must match exactly (movement copies); gradients within {@code
 * 1e-12 + 1e-12 |want|} (accumulation order may differ).
 */
class MovementIndexingTorchReferenceTest {

    private static final String FIXTURE = "movement-indexing-torch-1.13.json";

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesPyTorch() throws IOException {
        return cases().map(c -> DynamicTest.dynamicTest(c.get("name").getAsString(),
                () -> check(c)));
    }

    @Test
    void theFixtureCoversTheOperationsItNames() throws IOException {
        List<String> ops = cases().map(c -> c.get("op").getAsString()).distinct().toList();
        assertEquals(List.of("gather", "indexSelect", "take", "scatterAdd", "indexAdd", "roll",
                "flip", "pad", "split", "chunk", "tensorSplit", "repeatInterleave", "tile",
                "concat", "stack", "maskedSelect", "oneHot", "slice", "takeAxis"), ops);
        assertTrue(cases().filter(c -> c.has("grads")).count() >= 35);
    }

    private static void check(JsonObject c) {
        String op = c.get("op").getAsString();
        JsonObject args = c.getAsJsonObject("args");
        JsonObject inputs = c.getAsJsonObject("inputs");
        // The float inputs, in order, are the differentiated arguments; the rest are constants.
        List<String> names = new ArrayList<>();
        List<Tensor> floats = new ArrayList<>();
        Map<String, Tensor> constants = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> input : inputs.entrySet()) {
            if (input.getValue().isJsonArray()) {
                for (JsonElement item : input.getValue().getAsJsonArray()) {
                    names.add(input.getKey());
                    floats.add(tensor(item.getAsJsonObject()));
                }
            } else {
                Tensor t = tensor(input.getValue().getAsJsonObject());
                if (t.dtype() == DType.FLOAT64) {
                    names.add(input.getKey());
                    floats.add(t);
                } else {
                    constants.put(input.getKey(), t);
                }
            }
        }
        Function<List<Tensor>, List<Tensor>> f = xs -> {
            Map<String, Tensor> named = new LinkedHashMap<>(constants);
            List<Tensor> list = new ArrayList<>();
            for (int i = 0; i < xs.size(); i++) {
                if (names.get(i).equals("xs")) {
                    list.add(xs.get(i));
                } else {
                    named.put(names.get(i), xs.get(i));
                }
            }
            return apply(op, args, named, list);
        };
        List<Tensor> outputs = f.apply(floats);
        JsonArray expected = c.getAsJsonArray("outputs");
        assertEquals(expected.size(), outputs.size(), "number of outputs");
        for (int k = 0; k < outputs.size(); k++) {
            assertClose(tensor(expected.get(k).getAsJsonObject()), outputs.get(k),
                    "output " + k, 0);
        }
        if (!c.has("grads")) {
            return;
        }
        JsonArray cotangents = c.getAsJsonArray("cotangents");
        ImmutableList<Tensor> grads = Autodiff.grad(xs -> {
            List<Tensor> ys = f.apply(xs);
            Tensor total = Tensor.scalar(0.0);
            for (int k = 0; k < ys.size(); k++) {
                total = total.add(ys.get(k).mul(tensor(cotangents.get(k).getAsJsonObject()))
                        .sum());
            }
            return total;
        }, floats);
        JsonObject want = c.getAsJsonObject("grads");
        int listIndex = 0;
        for (int i = 0; i < floats.size(); i++) {
            JsonElement g = want.get(names.get(i));
            JsonObject encoded = g.isJsonArray()
                    ? g.getAsJsonArray().get(listIndex++).getAsJsonObject() : g.getAsJsonObject();
            assertClose(tensor(encoded), grads.get(i), "gradient of " + names.get(i), 1e-12);
        }
    }

    /** The jgrad operation a fixture case names, applied to its inputs. */
    private static List<Tensor> apply(String op, JsonObject args, Map<String, Tensor> in,
            List<Tensor> xs) {
        Tensor x = in.get("x");
        switch (op) {
            case "gather":
                return List.of(x.gather(integer(args, "axis"), in.get("index")));
            case "indexSelect":
                return List.of(x.indexSelect(integer(args, "axis"), in.get("index")));
            case "take":
                return List.of(x.take(in.get("index")));
            case "takeAxis":
                return List.of(x.take(in.get("index"), integer(args, "axis")));
            case "scatterAdd":
                return List.of(in.get("target").scatterAdd(integer(args, "axis"), in.get("index"),
                        in.get("source")));
            case "indexAdd":
                return List.of(in.get("target").indexAdd(integer(args, "axis"), in.get("index"),
                        in.get("source")));
            case "roll":
                return List.of(args.has("axes")
                        ? x.roll(ints(args, "shifts"), ints(args, "axes"))
                        : x.roll(integer(args, "shifts")));
            case "flip":
                return List.of(x.flip(ints(args, "axes")));
            case "pad": {
                PadMode mode = PadMode.valueOf(
                        args.get("mode").getAsString().toUpperCase(Locale.ROOT));
                return List.of(args.has("value")
                        ? x.pad(ints(args, "widths"), args.get("value").getAsDouble())
                        : x.pad(ints(args, "widths"), mode));
            }
            case "split":
                return args.has("size")
                        ? x.split(integer(args, "size"), integer(args, "axis"))
                        : x.split(ints(args, "sizes"), integer(args, "axis"));
            case "chunk":
                return x.chunk(integer(args, "chunks"), integer(args, "axis"));
            case "tensorSplit":
                return x.tensorSplit(integer(args, "sections"), integer(args, "axis"));
            case "repeatInterleave": {
                int[] repeats = ints(args, "repeats");
                if (!args.has("axis")) {
                    return List.of(x.repeatInterleave(repeats[0]));
                }
                return List.of(repeats.length == 1
                        ? x.repeatInterleave(repeats[0], integer(args, "axis"))
                        : x.repeatInterleave(repeats, integer(args, "axis")));
            }
            case "tile":
                return List.of(x.tile(ints(args, "reps")));
            case "concat":
                return List.of(Tensor.concat(xs, integer(args, "axis")));
            case "stack":
                return List.of(Tensor.stack(xs, integer(args, "axis")));
            case "maskedSelect":
                return List.of(x.maskedSelect(in.get("mask")));
            case "oneHot":
                return List.of(Tensor.oneHot(in.get("labels"), integer(args, "numClasses")));
            case "slice":
                return List.of(x.slice(integer(args, "axis"), boxed(args, "start"),
                        boxed(args, "stop"), integer(args, "step")));
            default:
                throw new AssertionError("no operation named " + op);
        }
    }

    private static int integer(JsonObject args, String key) {
        JsonElement value = args.get(key);
        return value.isJsonArray() ? value.getAsJsonArray().get(0).getAsInt() : value.getAsInt();
    }

    private static Integer boxed(JsonObject args, String key) {
        JsonElement value = args.get(key);
        return value == null || value.isJsonNull() ? null : value.getAsInt();
    }

    private static int[] ints(JsonObject args, String key) {
        JsonArray array = args.getAsJsonArray(key);
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).getAsInt();
        }
        return values;
    }

    static Tensor tensor(JsonObject encoded) {
        JsonArray shapeArray = encoded.getAsJsonArray("shape");
        int[] shape = new int[shapeArray.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeArray.get(i).getAsInt();
        }
        JsonArray data = encoded.getAsJsonArray("data");
        if (encoded.get("dtype").getAsString().equals("int64")) {
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

    static Stream<JsonObject> cases() throws IOException {
        try (InputStream in = MovementIndexingTorchReferenceTest.class.getResourceAsStream(FIXTURE);
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            JsonArray cases = JsonParser.parseReader(reader).getAsJsonObject()
                    .getAsJsonArray("cases");
            return StreamSupport.stream(cases.spliterator(), false)
                    .map(JsonElement::getAsJsonObject).toList().stream();
        }
    }

    private static void assertClose(Tensor expected, Tensor actual, String what,
            double tolerance) {
        assertEquals(expected.shape(), actual.shape(), what + " shape");
        assertEquals(expected.dtype(), actual.dtype(), what + " dtype");
        double[] want = expected.toArray();
        double[] got = actual.toArray();
        for (int i = 0; i < want.length; i++) {
            double allowed = tolerance + tolerance * Math.abs(want[i]);
            int index = i;
            assertTrue(Math.abs(got[i] - want[i]) <= allowed, () -> what + " at flat index "
                    + index + ": want " + want[index] + ", got " + got[index]);
        }
    }
}
