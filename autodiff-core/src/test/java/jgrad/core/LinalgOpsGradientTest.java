package jgrad.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.check.GradCheck;
import jgrad.check.Tolerance;
import jgrad.check.jqwik.TensorArbitraries;
import jgrad.check.jqwik.TensorPair;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

/**
 * Gradients of dot, outer, trace, diag and einsum against central differences in float64, over
 * random small sizes: each einsum spec with every operand differentiated at once.
 */
@PropertyDefaults(tries = 100, edgeCases = EdgeCasesMode.NONE)
class LinalgOpsGradientTest {

    @Property
    @Covers({MatMul.class, Reshape.class})
    void dotVjpMatchesCentralDifference(@ForAll("vectorPairs") TensorPair pair) {
        GradCheck.assertVjpMatches(p -> p.get("a").dot(p.get("b")), pair.params(),
                Tolerance.FLOAT64);
    }

    @Property
    @Covers({Mul.class, Reshape.class, BroadcastTo.class})
    void outerVjpMatchesCentralDifference(@ForAll("outerPairs") TensorPair pair) {
        GradCheck.assertVjpMatches(p -> p.get("a").outer(p.get("b")), pair.params(),
                Tolerance.FLOAT64);
    }

    @Property
    @Covers({Slice.class, Reshape.class, ReduceSum.class})
    void traceVjpMatchesCentralDifference(@ForAll("matrices") Tensor x) {
        GradCheck.assertVjpMatches(Tensor::trace, x, Tolerance.FLOAT64);
    }

    @Property
    @Covers({Slice.class, Reshape.class})
    void diagonalOfAMatrixVjpMatchesCentralDifference(@ForAll("matrices") Tensor x,
            @ForAll("offsets") int offset) {
        GradCheck.assertVjpMatches(t -> t.diag(offset), x, Tolerance.FLOAT64);
    }

    @Property
    @Covers({Pad.class, Reshape.class})
    void diagonalMatrixOfAVectorVjpMatchesCentralDifference(@ForAll("vectors") Tensor x,
            @ForAll("offsets") int offset) {
        GradCheck.assertVjpMatches(t -> t.diag(offset), x, Tolerance.FLOAT64);
    }

    /** The contractions models use, each on operands of random sizes. */
    @Property
    @Covers({MatMul.class, Permute.class, Reshape.class, ReduceSum.class, Slice.class,
            Mul.class})
    void einsumVjpMatchesCentralDifference(@ForAll("einsumCases") EinsumCase c) {
        GradCheck.assertVjpMatches(
                p -> Tensor.einsum(c.spec(), c.operands().stream()
                        .map(name -> p.get(name)).toArray(Tensor[]::new)),
                c.params(), Tolerance.FLOAT64);
    }

    /** A spec and its operands, named {@code "0"}, {@code "1"}, ... in the parameters. */
    record EinsumCase(String spec, Params params) {
        List<String> operands() {
            return List.copyOf(params.paths());
        }
    }

    static final String[] SPECS = {"bij,bjk->bik", "ij->ji", "i,i->", "ij,j->i", "bi,bi->b",
        "ii->", "ii->i", "ij->", "i,j->ij", "bhqd,bhkd->bhqk", "ij,jk,kl->il", "ij,jk",
        "bi,ij,bj->b", "ijk->kj", "bii->bi", "ij,kj->ik", "ji,jk->ik", "...ij,...jk->...ik",
        "i,i->i", "ij,ij->", "ijk,kl->ijl", "kij,kl->lij", "abc,cd,de->abe", "bij,bkj->bik",
        "bji,bjk->bik", "...ij,jk->...ik", "ij,jk->"};

    /**
     * One of {@link #SPECS} with sizes 1 to 3 per letter (a letter has one size throughout),
     * and the ellipsis as one or two leading axes.
     */
    @Provide
    Arbitrary<EinsumCase> einsumCases() {
        Arbitrary<Integer> size = Arbitraries.integers().between(1, 3);
        return Combinators.combine(Arbitraries.of(SPECS), size.list().ofSize(26),
                Arbitraries.integers().between(0, 2)).flatAs((spec, sizes, ellipsis) -> {
                    String[] inputs = spec.split("->")[0].split(",");
                    List<Arbitrary<Tensor>> operands = new ArrayList<>();
                    for (String input : inputs) {
                        String letters = input.replace("...", "");
                        int lead = input.contains("...") ? ellipsis : 0;
                        int[] dims = new int[lead + letters.length()];
                        for (int i = 0; i < lead; i++) {
                            dims[i] = 2;
                        }
                        for (int i = 0; i < letters.length(); i++) {
                            dims[lead + i] = sizes.get(letters.charAt(i) - 'a');
                        }
                        operands.add(TensorArbitraries.tensors(Shape.of(dims), -2, 2));
                    }
                    return Combinators.combine(operands).as(list -> {
                        Map<String, Tensor> map = new LinkedHashMap<>();
                        for (int i = 0; i < list.size(); i++) {
                            map.put(String.valueOf(i), list.get(i));
                        }
                        return new EinsumCase(spec, Params.copyOf(map));
                    });
                });
    }

    @Provide
    Arbitrary<TensorPair> vectorPairs() {
        return Arbitraries.integers().between(1, 5).flatMap(n -> Combinators.combine(
                TensorArbitraries.tensors(Shape.of(n), -3, 3),
                TensorArbitraries.tensors(Shape.of(n), -3, 3)).as(TensorPair::new));
    }

    /** Two vectors of independent lengths 1 to 4. */
    @Provide
    Arbitrary<TensorPair> outerPairs() {
        return Combinators.combine(TensorArbitraries.tensors(1, 1, -3, 3),
                TensorArbitraries.tensors(1, 1, -3, 3)).as(TensorPair::new);
    }

    @Provide
    Arbitrary<Tensor> vectors() {
        return TensorArbitraries.tensors(1, 1, -3, 3);
    }

    @Provide
    Arbitrary<Tensor> matrices() {
        return TensorArbitraries.matrices(-3, 3);
    }

    @Provide
    Arbitrary<Integer> offsets() {
        return Arbitraries.integers().between(-3, 3);
    }
}
