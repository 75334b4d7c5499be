package jgrad.nn.optim;

import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the CSV fixtures written by {@code make_optimizer_fixtures.py} (beside them in the test
 * resources): plain comma-separated lines without quoting, values in Python's round-trip {@code
 * repr}, so {@link Double#parseDouble} recovers the exact doubles.
 */
final class Fixtures {

    private Fixtures() {}

    /** Case -> step (0 = initial) -> path -> flattened values, in file order. */
    static ImmutableMap<String, ImmutableList<ImmutableMap<String, double[]>>> trajectories() {
        Map<String, List<Map<String, double[]>>> cases = new LinkedHashMap<>();
        for (String[] row : rows("optimizer_trajectories.csv", "case,step,path,values")) {
            List<Map<String, double[]>> steps = cases.computeIfAbsent(row[0],
                    name -> new ArrayList<>());
            int step = Integer.parseInt(row[1]);
            if (step == steps.size()) {
                steps.add(new LinkedHashMap<>());
            }
            checkState(step == steps.size() - 1, "fixture steps out of order at %s", row[0]);
            String[] parts = row[3].split(" ");
            double[] values = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                values[i] = Double.parseDouble(parts[i]);
            }
            steps.get(step).put(row[2], values);
        }
        ImmutableMap.Builder<String, ImmutableList<ImmutableMap<String, double[]>>> out =
                ImmutableMap.builder();
        cases.forEach((name, steps) -> out.put(name,
                steps.stream().map(ImmutableMap::copyOf).collect(ImmutableList.toImmutableList())));
        return out.buildOrThrow();
    }

    /** Case -> values at steps 0, 1, ... */
    static ImmutableMap<String, double[]> schedules() {
        Map<String, List<Double>> cases = new LinkedHashMap<>();
        for (String[] row : rows("schedules.csv", "case,step,value")) {
            List<Double> values = cases.computeIfAbsent(row[0], name -> new ArrayList<>());
            checkState(Integer.parseInt(row[1]) == values.size(), "steps out of order: %s",
                    row[0]);
            values.add(Double.parseDouble(row[2]));
        }
        ImmutableMap.Builder<String, double[]> out = ImmutableMap.builder();
        cases.forEach((name, values) -> out.put(name,
                values.stream().mapToDouble(Double::doubleValue).toArray()));
        return out.buildOrThrow();
    }

    private static List<String[]> rows(String resource, String header) {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            checkState(in != null, "missing fixture %s: run make_optimizer_fixtures.py", resource);
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(in, StandardCharsets.UTF_8));
            checkState(header.equals(reader.readLine()), "%s: unexpected header", resource);
            List<String[]> rows = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                rows.add(line.split(","));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
