package jgrad.nn.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.primitives.ImmutableIntArray;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import jgrad.core.Autodiff;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.ValueAndGrad;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every loss against PyTorch 1.13 in float64: values and the gradient of {@code sum(loss)} with
 * respect to the first input, from {@code losses-torch-1.13.json}, which {@code
 * torch_reference.py} (beside it in the test resources) wrote. Tolerance {@code 1e-12 + 1e-12
 * |want|}.
 */
class LossesTorchReferenceTest {

    private static final String FIXTURE = "losses-torch-1.13.json";

    @TestFactory
    Stream<DynamicTest> everyLossMatchesPyTorch() throws IOException {
        return cases().map(c -> DynamicTest.dynamicTest(c.get("name").getAsString(),
                () -> check(c)));
    }

    /** The class-label cases again, with the labels as an int64 tensor, as PyTorch took them. */
    @TestFactory
    Stream<DynamicTest> int64LabelTensorsMatchPyTorch() throws IOException {
        List<String> labelLosses = List.of("softmaxCrossEntropyLabels", "negativeLogLikelihood",
                "multiMargin");
        List<JsonObject> labelled = cases().filter(c -> labelLosses.contains(
                c.get("loss").getAsString())).toList();
        assertTrue(labelled.size() >= 10, "label cases: " + labelled.size());
        return labelled.stream().map(c -> DynamicTest.dynamicTest(c.get("name").getAsString(),
                () -> {
                    JsonObject inputs = c.getAsJsonObject("inputs");
                    JsonObject options = c.getAsJsonObject("options");
                    Tensor labels = Tensor.ofInts(labels(inputs).toArray()).cast(DType.INT64);
                    Reduction reduction = Reduction.valueOf(
                            options.get("reduction").getAsString().toUpperCase(Locale.ROOT));
                    Function<Tensor, Tensor> loss;
                    switch (c.get("loss").getAsString()) {
                        case "softmaxCrossEntropyLabels":
                            loss = x -> Losses.softmaxCrossEntropy(x, labels,
                                    crossEntropyOptions(options, reduction));
                            break;
                        case "negativeLogLikelihood":
                            loss = x -> Losses.negativeLogLikelihood(x, labels,
                                    crossEntropyOptions(options, reduction));
                            break;
                        default:
                            loss = x -> Losses.multiMargin(x, labels,
                                    options.get("p").getAsInt(),
                                    options.get("margin").getAsDouble(), reduction);
                    }
                    Tensor first = tensor(inputs.getAsJsonObject("first"));
                    assertClose(tensor(c.getAsJsonObject("value")), loss.apply(first), "value");
                    assertClose(tensor(c.getAsJsonObject("grad")),
                            Autodiff.grad(x -> loss.apply(x).sum(), first), "gradient");
                }));
    }

    @Test
    void theFixtureCoversEveryLoss() throws IOException {
        List<String> losses = cases().map(c -> c.get("loss").getAsString()).distinct().toList();
        assertEquals(List.of("meanSquaredError", "l1", "huber", "smoothL1", "binaryCrossEntropy",
                "binaryCrossEntropyWithLogits", "softmaxCrossEntropyLabels",
                "negativeLogLikelihood", "softmaxCrossEntropyTargets", "klDivergence",
                "multiMargin", "hingeEmbedding", "cosineEmbedding"), losses);
    }

    /** Checks the value (and gradient, when recorded) of the fixture case {@code c}. */
    static void check(JsonObject c) {
        JsonObject inputs = c.getAsJsonObject("inputs");
        JsonObject options = c.getAsJsonObject("options");
        Function<Tensor, Tensor> loss = loss(c.get("loss").getAsString(), inputs, options);
        Tensor first = tensor(inputs.getAsJsonObject("first"));
        Tensor expected = tensor(c.getAsJsonObject("value"));
        if (c.has("grad")) {
            ValueAndGrad<Tensor> vg = Autodiff.valueAndGrad(x -> loss.apply(x).sum(), first);
            assertClose(expected, loss.apply(first), "value");
            assertClose(tensor(c.getAsJsonObject("grad")), vg.grad(), "gradient");
        } else {
            assertClose(expected, loss.apply(first), "value");
        }
    }

    private static Function<Tensor, Tensor> loss(String name, JsonObject inputs,
            JsonObject options) {
        Reduction reduction = Reduction.valueOf(
                options.get("reduction").getAsString().toUpperCase(Locale.ROOT));
        switch (name) {
            case "meanSquaredError":
                return x -> Losses.meanSquaredError(x, tensor(inputs, "targets"), reduction);
            case "l1":
                return x -> Losses.l1(x, tensor(inputs, "targets"), reduction);
            case "huber":
                return x -> Losses.huber(x, tensor(inputs, "targets"),
                        options.get("delta").getAsDouble(), reduction);
            case "smoothL1":
                return x -> Losses.smoothL1(x, tensor(inputs, "targets"),
                        options.get("beta").getAsDouble(), reduction);
            case "binaryCrossEntropy":
                return x -> Losses.binaryCrossEntropy(x, tensor(inputs, "targets"), reduction);
            case "binaryCrossEntropyWithLogits":
                if (inputs.has("positiveWeight")) {
                    return x -> Losses.binaryCrossEntropyWithLogits(x, tensor(inputs, "targets"),
                            tensor(inputs, "positiveWeight"), reduction);
                }
                return x -> Losses.binaryCrossEntropyWithLogits(x, tensor(inputs, "targets"),
                        reduction);
            case "softmaxCrossEntropyLabels":
                return x -> Losses.softmaxCrossEntropy(x, labels(inputs),
                        crossEntropyOptions(options, reduction));
            case "negativeLogLikelihood":
                return x -> Losses.negativeLogLikelihood(x, labels(inputs),
                        crossEntropyOptions(options, reduction));
            case "softmaxCrossEntropyTargets":
                return x -> Losses.softmaxCrossEntropy(x, tensor(inputs, "targets"),
                        crossEntropyOptions(options, reduction));
            case "klDivergence":
                return x -> Losses.klDivergence(x, tensor(inputs, "targets"), reduction,
                        options.get("logTarget").getAsBoolean());
            case "multiMargin":
                return x -> Losses.multiMargin(x, labels(inputs), options.get("p").getAsInt(),
                        options.get("margin").getAsDouble(), reduction);
            case "hingeEmbedding":
                return x -> Losses.hingeEmbedding(x, tensor(inputs, "targets"),
                        options.get("margin").getAsDouble(), reduction);
            case "cosineEmbedding":
                return x -> Losses.cosineEmbedding(x, tensor(inputs, "x2"),
                        tensor(inputs, "targets"), options.get("margin").getAsDouble(),
                        reduction);
            default:
                throw new AssertionError("no loss named " + name);
        }
    }

    private static CrossEntropyOptions crossEntropyOptions(JsonObject options,
            Reduction reduction) {
        CrossEntropyOptions result = CrossEntropyOptions.defaults().withReduction(reduction);
        if (options.has("classWeights")) {
            result = result.withClassWeights(tensor(options.getAsJsonObject("classWeights")));
        }
        if (options.has("ignoreIndex")) {
            result = result.withIgnoreIndex(options.get("ignoreIndex").getAsInt());
        }
        double smoothing = options.get("labelSmoothing").getAsDouble();
        return smoothing == 0 ? result : result.withLabelSmoothing(smoothing);
    }

    private static ImmutableIntArray labels(JsonObject inputs) {
        JsonArray array = inputs.getAsJsonArray("labels");
        ImmutableIntArray.Builder labels = ImmutableIntArray.builder();
        array.forEach(label -> labels.add(label.getAsInt()));
        return labels.build();
    }

    private static Tensor tensor(JsonObject inputs, String key) {
        return tensor(inputs.getAsJsonObject(key));
    }

    static Tensor tensor(JsonObject encoded) {
        JsonArray shapeArray = encoded.getAsJsonArray("shape");
        int[] shape = new int[shapeArray.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeArray.get(i).getAsInt();
        }
        JsonArray data = encoded.getAsJsonArray("data");
        double[] values = new double[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.get(i).getAsDouble();
        }
        return Tensor.of(values, shape);
    }

    /** The fixture case named {@code name}. */
    static JsonObject referenceCase(String name) throws IOException {
        return cases().filter(c -> c.get("name").getAsString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no case " + name + " in " + FIXTURE));
    }

    static Stream<JsonObject> cases() throws IOException {
        try (InputStream in = LossesTorchReferenceTest.class.getResourceAsStream(FIXTURE);
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            JsonArray cases = JsonParser.parseReader(reader).getAsJsonObject()
                    .getAsJsonArray("cases");
            return StreamSupport.stream(cases.spliterator(), false)
                    .map(JsonElement::getAsJsonObject).toList().stream();
        }
    }

    private static void assertClose(Tensor expected, Tensor actual, String what) {
        assertEquals(expected.shape(), actual.shape(), what + " shape");
        double[] want = expected.toArray();
        double[] got = actual.toArray();
        for (int i = 0; i < want.length; i++) {
            double allowed = 1e-12 + 1e-12 * Math.abs(want[i]);
            int index = i;
            assertTrue(Math.abs(got[i] - want[i]) <= allowed, () -> what + " at flat index "
                    + index + ": want " + want[index] + ", got " + got[index] + " (shape "
                    + Shape.of(expected.shape().toArray()) + ")");
        }
    }
}
