package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Linear algebra and network operations against values computed with PyTorch 1.13 in float64:
 * {@code src/test/resources/fixtures/pytorch_network_reference.json}, written by {@code
 * pytorch_network_reference.py} beside it (the script says how to run it). Each case applies one
 * operation with its parameters; its output and the gradients of {@code sum(out * cot)} with
 * respect to every input must match within {@code 1e-12 + 1e-12 |want|}, shapes exactly. No
 * PyTorch is needed at test time.
 *
 * <p>The values are sums of up to a few hundred products of standard normal draws, so the
 * absolute tolerance carries the rounding of a sum whose result is near zero (a few ulps of its
 * terms, about {@code 1e-15}); nothing needed more.
 */
class PyTorchNetworkReferenceTest {

    static final String FIXTURE = "/fixtures/pytorch_network_reference.json";

    private static final double RTOL = 1e-12;
    private static final double ATOL = 1e-12;

    /** The Java expression of each operation, on the case's inputs and parameters. */
    static final ImmutableMap<String, BiFunction<List<Tensor>, JsonObject, Tensor>> OPERATIONS =
            ImmutableMap.<String, BiFunction<List<Tensor>, JsonObject, Tensor>>builder()
                    .put("conv2d", (in, p) -> p.get("bias").getAsBoolean()
                            ? in.get(0).conv2d(in.get(1), in.get(2), convOptions(p))
                            : in.get(0).conv2d(in.get(1), convOptions(p)))
                    .put("conv1d", (in, p) -> p.get("bias").getAsBoolean()
                            ? in.get(0).conv1d(in.get(1), in.get(2), convOptions(p))
                            : in.get(0).conv1d(in.get(1), convOptions(p)))
                    .put("conv_transpose2d", (in, p) -> p.get("bias").getAsBoolean()
                            ? in.get(0).convTranspose2d(in.get(1), in.get(2), transposeOptions(p))
                            : in.get(0).convTranspose2d(in.get(1), transposeOptions(p)))
                    .put("conv_transpose1d", (in, p) -> p.get("bias").getAsBoolean()
                            ? in.get(0).convTranspose1d(in.get(1), in.get(2), transposeOptions(p))
                            : in.get(0).convTranspose1d(in.get(1), transposeOptions(p)))
                    .put("unfold", (in, p) -> in.get(0).unfold(ints(p, "kernel")[0],
                            ints(p, "kernel")[1], windowOptions(p)))
                    .put("fold", (in, p) -> in.get(0).fold(ints(p, "outputSize")[0],
                            ints(p, "outputSize")[1], ints(p, "kernel")[0], ints(p, "kernel")[1],
                            windowOptions(p)))
                    .put("max_pool2d", (in, p) -> in.get(0).maxPool2d(maxPoolOptions(p)))
                    .put("max_pool1d", (in, p) -> in.get(0).maxPool1d(maxPoolOptions(p)))
                    .put("avg_pool2d", (in, p) -> in.get(0).avgPool2d(avgPoolOptions(p)))
                    .put("avg_pool1d", (in, p) -> in.get(0).avgPool1d(avgPoolOptions(p)))
                    .put("adaptive_avg_pool2d", (in, p) -> in.get(0).adaptiveAvgPool2d(
                            ints(p, "outputSize")[0], ints(p, "outputSize")[1]))
                    .put("adaptive_avg_pool1d", (in, p) -> in.get(0).adaptiveAvgPool1d(
                            ints(p, "outputSize")[0]))
                    .put("einsum", (in, p) -> Tensor.einsum(p.get("spec").getAsString(),
                            in.toArray(new Tensor[0])))
                    .put("dot", (in, p) -> in.get(0).dot(in.get(1)))
                    .put("outer", (in, p) -> in.get(0).outer(in.get(1)))
                    .put("trace", (in, p) -> in.get(0).trace())
                    .put("diag", (in, p) -> in.get(0).diag(p.get("offset").getAsInt()))
                    .put("matmul", (in, p) -> in.get(0).matmul(in.get(1)))
                    .build();

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesPyTorchInValueAndGradient() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(
                c.get("name").getAsString(), () -> check(c)));
    }

    /** Every operation has a case, and every case an operation: nothing is silently skipped. */
    @Test
    void theFixtureExercisesEveryOperationAndOnlyThose() {
        Set<String> ops = new HashSet<>();
        for (JsonObject c : cases()) {
            ops.add(c.get("op").getAsString());
        }
        assertEquals(OPERATIONS.keySet(), ops);
        assertTrue(cases().size() >= 60, "cases: " + cases().size());
    }

    private static void check(JsonObject c) {
        String name = c.get("name").getAsString();
        JsonObject params = c.getAsJsonObject("params");
        BiFunction<List<Tensor>, JsonObject, Tensor> op = OPERATIONS.get(c.get("op").getAsString());
        List<Tensor> inputs = new ArrayList<>();
        for (JsonElement input : c.getAsJsonArray("inputs")) {
            inputs.add(tensor(input.getAsJsonObject()));
        }
        Tensor cotangent = tensor(c.getAsJsonObject("cotangent"));
        assertMatches(name + " output", tensor(c.getAsJsonObject("output")),
                op.apply(inputs, params));
        ImmutableList<Tensor> grads = Autodiff.grad(
                xs -> op.apply(xs, params).mul(cotangent).sum(), inputs);
        JsonArray expected = c.getAsJsonArray("grads");
        for (int i = 0; i < inputs.size(); i++) {
            assertMatches(name + " grad " + i, tensor(expected.get(i).getAsJsonObject()),
                    grads.get(i));
        }
    }

    static void assertMatches(String what, Tensor want, Tensor got) {
        assertEquals(want.shape(), got.shape(), what + ": shape");
        double[] w = want.toArray();
        double[] g = got.toArray();
        for (int i = 0; i < w.length; i++) {
            double allowed = ATOL + RTOL * Math.abs(w[i]);
            assertTrue(Math.abs(g[i] - w[i]) <= allowed, String.format(
                    "%s: element %s is %s, PyTorch %s (error %.3e, allowed %.3e)",
                    what, i, g[i], w[i], Math.abs(g[i] - w[i]), allowed));
        }
    }

    static List<JsonObject> cases() {
        try (InputStream stream = PyTorchNetworkReferenceTest.class.getResourceAsStream(FIXTURE);
                Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            List<JsonObject> cases = new ArrayList<>();
            for (JsonElement c : JsonParser.parseReader(reader).getAsJsonObject()
                    .getAsJsonArray("cases")) {
                cases.add(c.getAsJsonObject());
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Tensor tensor(JsonObject json) {
        int[] shape = ints(json, "shape");
        JsonArray values = json.getAsJsonArray("values");
        double[] data = new double[values.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = values.get(i).getAsDouble();
        }
        return Tensor.of(data, shape);
    }

    /** A parameter that is one int or a list of ints. */
    static int[] ints(JsonObject json, String key) {
        JsonElement element = json.get(key);
        if (element.isJsonPrimitive()) {
            return new int[] {element.getAsInt()};
        }
        JsonArray array = element.getAsJsonArray();
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).getAsInt();
        }
        return out;
    }

    private static ConvOptions convOptions(JsonObject p) {
        return ConvOptions.defaults().withStride(ints(p, "stride"))
                .withPadding(ints(p, "padding")).withDilation(ints(p, "dilation"))
                .withGroups(p.get("groups").getAsInt());
    }

    private static ConvOptions windowOptions(JsonObject p) {
        return ConvOptions.defaults().withStride(ints(p, "stride"))
                .withPadding(ints(p, "padding")).withDilation(ints(p, "dilation"));
    }

    private static ConvTransposeOptions transposeOptions(JsonObject p) {
        return ConvTransposeOptions.defaults().withStride(ints(p, "stride"))
                .withPadding(ints(p, "padding")).withOutputPadding(ints(p, "outputPadding"))
                .withDilation(ints(p, "dilation")).withGroups(p.get("groups").getAsInt());
    }

    private static MaxPoolOptions maxPoolOptions(JsonObject p) {
        return MaxPoolOptions.of(ints(p, "kernel")).withStride(ints(p, "stride"))
                .withPadding(ints(p, "padding")).withDilation(ints(p, "dilation"))
                .withCeilMode(p.get("ceilMode").getAsBoolean());
    }

    private static AvgPoolOptions avgPoolOptions(JsonObject p) {
        AvgPoolOptions options = AvgPoolOptions.of(ints(p, "kernel"))
                .withStride(ints(p, "stride")).withPadding(ints(p, "padding"))
                .withCeilMode(p.get("ceilMode").getAsBoolean())
                .withCountIncludePad(p.get("countIncludePad").getAsBoolean());
        JsonElement divisor = p.get("divisorOverride");
        return divisor == null || divisor.isJsonNull() ? options
                : options.withDivisorOverride(divisor.getAsInt());
    }
}
