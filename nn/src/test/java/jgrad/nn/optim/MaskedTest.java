package jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import jgrad.core.Params;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

class MaskedTest {

    @Test
    void weightDecayOnlyOnWeightsLeavesBiasesUndecayed() {
        // Zero gradients, lr 0.1, decay 0.5 on paths ending in "weight": weight 1 -> 0.95,
        // bias 1 stays 1.
        GradientTransformation<ChainState> optimizer = Optimizers.chain(
                Optimizers.masked(Optimizers.addDecayedWeights(0.5),
                        path -> path.endsWith("weight")),
                Optimizers.sgd(0.1));
        Params params = Params.of("0.weight", Tensor.of(1, 1), "0.bias", Tensor.of(1));
        ChainState state = optimizer.init(params);
        Params next = params.plus(optimizer.update(params.zerosLike(), state, params).updates());
        assertEquals(0.95, next.get("0.weight").toArray()[0], 1e-15);
        assertEquals(1.0, next.get("0.bias").item(), 0.0);
        // The paths keep their order.
        assertEquals(ImmutableList.of("0.weight", "0.bias"), next.paths().asList());
    }

    @Test
    void theInnerStateCoversTheSelectedParametersOnly() {
        GradientTransformation<MaskedState> masked = Optimizers.masked(Optimizers.adam(0.1),
                path -> path.equals("a"));
        Params params = Params.of("a", Tensor.of(1, 2), "b", Tensor.of(3));
        ChainState inner = (ChainState) masked.init(params).inner();
        AdamState adam = (AdamState) inner.states().get(0);
        assertEquals(ImmutableList.of("a"), adam.mu().paths().asList());
    }
}
