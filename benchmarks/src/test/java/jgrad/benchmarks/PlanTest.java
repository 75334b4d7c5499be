package jgrad.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan holds exactly the issue's table and survives the file both runners read. */
class PlanTest {

    private static final ImmutableList<Workload> FULL = Plan.of(Mode.FULL);

    private static Set<String> ids(Kind kind) {
        return FULL.stream().filter(w -> w.kind() == kind).map(Workload::id)
                .collect(Collectors.toSet());
    }

    @Test
    void theMlpRowsAreTheIssuesBatchDtypeAndThreadCombinations() {
        assertEquals(Set.of("mlp_b128_float32_t2", "mlp_b128_float32_t1", "mlp_b32_float32_t1",
                "mlp_b1024_float32_t2", "mlp_b128_float64_t1"), ids(Kind.MLP_STEP));
    }

    @Test
    void matmulCoversEverySizeDtypeAndThreadCount() {
        Set<String> matmul = ids(Kind.MATMUL);
        assertEquals(16, matmul.size());
        for (int n : List.of(128, 256, 512, 1024)) {
            for (String dtype : List.of("float32", "float64")) {
                for (int t : List.of(1, 2)) {
                    assertTrue(matmul.contains("matmul_" + n + "_" + dtype + "_t" + t));
                }
            }
        }
    }

    @Test
    void theGraphAndMemoryRowsHaveTheIssuesSizes() {
        assertEquals(Set.of("tiny_chain_1000_float64_t1"), ids(Kind.TINY_CHAIN));
        assertEquals(Set.of("scalar_graph_10000_float64_t1"), ids(Kind.SCALAR_GRAPH));
        Workload rss = FULL.stream().filter(w -> w.kind() == Kind.PEAK_RSS).findFirst()
                .orElseThrow();
        assertEquals(List.of(128, "float32", 200), List.of(rss.size(), rss.dtype(), rss.inner()));
        assertEquals(List.of(1_000, 10_000, 100_000, 1_000_000), FULL.stream()
                .filter(w -> w.kind() == Kind.BACKWARD_CHAIN).map(Workload::size).toList());
    }

    @Test
    void quickModeRunsTheSameRowsWithNoMoreRepetitions() {
        ImmutableList<Workload> quick = Plan.of(Mode.QUICK);
        assertEquals(FULL.stream().map(Workload::id).toList(),
                quick.stream().map(Workload::id).toList());
        for (int i = 0; i < FULL.size(); i++) {
            assertTrue(quick.get(i).reps() <= FULL.get(i).reps(), quick.get(i).id());
            assertTrue(quick.get(i).warmup() <= FULL.get(i).warmup(), quick.get(i).id());
        }
    }

    @Test
    void idsAreUnique() {
        assertEquals(FULL.size(), FULL.stream().map(Workload::id).distinct().count());
    }

    @Test
    void thePlanFileReadsBackEqual(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("plan.csv");
        Files.writeString(file, Plan.toCsv(FULL));
        assertEquals(FULL, Plan.read(file));
        assertTrue(Files.readAllLines(file).get(0)
                .equals("id,kind,size,dtype,threads,warmup,reps,inner,goal"));
    }

    @Test
    void aMalformedPlanRowIsRefusedNamingTheField(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("plan.csv");
        Files.writeString(file, "id,kind,size,dtype,threads,warmup,reps,inner,goal\n"
                + "x,MATMUL,big,float32,1,1,1,1,>= 0.8\n");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Plan.read(file));
        assertTrue(error.getMessage().contains("size is not an integer: 'big'"),
                error.getMessage());
    }

    @Test
    void goalsReadBackFromTheirText() {
        for (Goal goal : List.of(Goal.atMost(0.9), Goal.atLeast(0.8), Goal.atMost(1),
                Goal.linear())) {
            assertEquals(goal, Goal.parse(goal.toString()));
        }
        assertEquals("<= 1", Goal.atMost(1).toString());
        assertThrows(IllegalArgumentException.class, () -> Goal.parse("< 1"));
        assertThrows(IllegalArgumentException.class, () -> Goal.atMost(-1));
    }

    @Test
    void labelsWritePowersOfTenShort() {
        assertEquals("1e6", Workload.powerOfTen(1_000_000));
        assertEquals("1e3", Workload.powerOfTen(1_000));
        assertEquals("1500", Workload.powerOfTen(1_500));
        assertEquals("1", Workload.powerOfTen(1));
    }
}
