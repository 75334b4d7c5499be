package jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import jgrad.core.Autodiff;
import jgrad.core.Params;
import jgrad.core.Tensor;
import jgrad.nn.io.StateTensors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every optimiser's state survives the checkpoint walker ({@link StateTensors}): after 3 updates,
 * flattened to named tensors and rebuilt from a fresh {@code init}, it gives bit-identical
 * parameters over 3 more updates. Covers the states added with the optimisers (AMSGrad, NAdam's
 * float64 product, RMSprop's empty average when not centred, the plateau's scale and its
 * infinite initial best, the masked state's inner state).
 */
class OptimizerStateCheckpointTest {

    @TestFactory
    Stream<DynamicTest> everyOptimizerStateRoundTripsThroughNamedTensors() {
        Map<String, Supplier<GradientTransformation<?>>> cases =
                new LinkedHashMap<>(OptimizerFixturesTest.CASES);
        cases.put("plateau", () -> Optimizers.chain(Optimizers.adam(0.05),
                Optimizers.reduceOnPlateau(ReduceOnPlateau.of(0.5, 0))));
        cases.put("masked_nadam", () -> Optimizers.masked(Optimizers.nadam(0.02),
                path -> !path.equals("scale")));
        return cases.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(),
                () -> roundTrip(entry.getValue().get())));
    }

    @Test
    void aFreshPlateauStateWithItsInfiniteBestRoundTrips() {
        PlateauState fresh = ReduceOnPlateau.defaults().withMode(ReduceOnPlateau.Mode.MAX)
                .initialState();
        assertEquals(fresh, StateTensors.unflatten(fresh, StateTensors.flatten(fresh)));
        PlateauState reduced = new PlateauState(0.25, 0.5, 1, 2);
        assertEquals(reduced, StateTensors.unflatten(fresh, StateTensors.flatten(reduced)));
    }

    private static <S> void roundTrip(GradientTransformation<S> optimizer) {
        Params params = OptimizerFixturesTest.paramsAt(OptimizerFixturesTest.FIXTURES.get("sgd")
                .get(0));
        S state = optimizer.init(params);
        for (int step = 0; step < 3; step++) {
            Update<S> update = optimizer.update(
                    Autodiff.grad(OptimizerFixturesTest::loss, params), state, params);
            params = params.plus(update.updates());
            // A metric that stops improving: the plateau (patience 0) halves its scale.
            state = optimizer.observe(update.state(), 1.0);
        }
        ImmutableMap<String, Tensor> named = StateTensors.flatten(state);
        S restored = StateTensors.unflatten(optimizer.init(params), named);
        Params original = params;
        Params copy = params;
        S a = state;
        S b = restored;
        for (int step = 0; step < 3; step++) {
            Update<S> ua = optimizer.update(Autodiff.grad(OptimizerFixturesTest::loss, original),
                    a, original);
            Update<S> ub = optimizer.update(Autodiff.grad(OptimizerFixturesTest::loss, copy), b,
                    copy);
            original = original.plus(ua.updates());
            copy = copy.plus(ub.updates());
            a = ua.state();
            b = ub.state();
        }
        assertTrue(original.allClose(copy, 0, 0), "restored state diverged");
    }
}
