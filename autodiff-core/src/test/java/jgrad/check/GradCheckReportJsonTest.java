package jgrad.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.StringReader;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/** {@link GradCheckReport#toJson()} parses with a strict reader and holds the report's values. */
class GradCheckReportJsonTest {

    private static JsonObject parse(String json) {
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        JsonElement element = com.google.gson.JsonParser.parseReader(reader);
        return element.getAsJsonObject();
    }

    @Test
    void aFailingReportParsesWithEveryEntryAndTheWorstIndex() {
        GradCheckReport report = GradCheck.of(x -> x.pow(3).sum()).named("sum of cubes")
                .gradient(x -> x.mul(3), Tensor.of(0.5, 1, 2));
        JsonObject json = parse(report.toJson());
        assertEquals("sum of cubes", json.get("name").getAsString());
        assertEquals("GRADIENT", json.get("check").getAsString());
        assertEquals("FAILED", json.get("verdict").getAsString());
        assertFalse(json.get("passed").getAsBoolean());
        assertEquals(3, json.getAsJsonObject("inputShapes").getAsJsonArray("x").get(0)
                .getAsInt());
        assertEquals(0, json.getAsJsonArray("outputShape").size());
        JsonArray entries = json.getAsJsonArray("entries");
        assertEquals(3, entries.size());
        int worst = json.get("worst").getAsInt();
        JsonObject entry = entries.get(worst).getAsJsonObject();
        assertEquals(report.worst().orElseThrow().where(), entry.get("where").getAsString());
        assertEquals(report.analytic(), entry.get("value").getAsDouble());
        assertEquals(report.numeric(), entry.get("numeric").getAsDouble());
        assertEquals(report.error(), entry.get("error").getAsDouble());
        assertEquals("NaN", entry.get("left").getAsString());
        assertEquals(2, json.getAsJsonArray("failures").size());
        assertEquals(1e-5, json.getAsJsonObject("tolerance").get("rtol").getAsDouble());
        assertTrue(json.get("budget").isJsonObject());
        assertTrue(json.get("nonFiniteOutput").isJsonNull());
        assertTrue(json.get("createdAt").getAsString().startsWith("GradCheckReportJsonTest.java:"));
    }

    /** Quotes, backslashes, control characters and line separators in a name survive. */
    @Test
    void namesAreEscaped() {
        String name = "a \"quoted\" \\ name\nwith\ttabs, \u0001 and \u2028 \u00e9";
        GradCheckReport report = GradCheck.of(Tensor::tanh).named(name)
                .reverseMode(Tensor.of(0.5));
        assertEquals(name, parse(report.toJson()).get("name").getAsString());
    }

    @Test
    void nonFiniteValuesAreStringsAndTheNonFiniteOutputIsAnObject() {
        GradCheckReport report = GradCheck.check(Tensor::recip, Tensor.of(1, 0),
                Tolerance.FLOAT64);
        JsonObject json = parse(report.toJson());
        JsonObject bad = json.getAsJsonObject("nonFiniteOutput");
        assertEquals("Infinity", bad.get("value").getAsString());
        assertEquals(1, bad.getAsJsonArray("index").get(0).getAsInt());
        assertTrue(json.get("worst").isJsonNull());
        assertEquals(0, json.getAsJsonArray("entries").size());
        assertEquals("\"-Infinity\"", ReportJson.number(Double.NEGATIVE_INFINITY));
        assertEquals("1.0E-5", ReportJson.number(1e-5));
    }
}
