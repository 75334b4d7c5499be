package jgrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

/**
 * Einsum's values against its definition, evaluated naively: for every assignment of values to
 * the labels, the product of the operands' entries added to the output entry of the output
 * labels. Over the specs of {@link LinalgOpsGradientTest#SPECS} with random sizes, so that every
 * lowering (diagonals, early sums, broadcast products, matrix products with either operand read
 * transposed, ellipsis axes) is checked for its values, not only for consistent gradients.
 */
@PropertyDefaults(tries = 200, edgeCases = EdgeCasesMode.NONE)
class EinsumTest {

    private final LinalgOpsGradientTest cases = new LinalgOpsGradientTest();

    @Property
    void einsumEqualsTheSumOverEveryLabelAssignment(
            @ForAll("einsumCases") LinalgOpsGradientTest.EinsumCase c) {
        List<Tensor> operands = new ArrayList<>();
        for (String name : c.operands()) {
            operands.add(c.params().get(name));
        }
        Tensor got = Tensor.einsum(c.spec(), operands.toArray(new Tensor[0]));
        Tensor want = naive(c.spec(), operands);
        assertEquals(want.shape(), got.shape(), c.spec());
        assertTrue(got.allClose(want, 1e-12, 1e-12), c.spec() + ": " + got + " vs " + want);
    }

    @Provide
    Arbitrary<LinalgOpsGradientTest.EinsumCase> einsumCases() {
        return cases.einsumCases();
    }

    /**
     * The definition, for specs whose ellipsis (if any) covers the same leading axes in every
     * operand: ellipsis axes become the labels '0', '1', ...; without "->" the output is the
     * ellipsis and the letters used once, sorted.
     */
    static Tensor naive(String spec, List<Tensor> operands) {
        String[] sides = spec.split("->", -1);
        String[] inputs = sides[0].split(",");
        int ellipsis = 0;
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].contains("...")) {
                ellipsis = operands.get(i).rank() - (inputs[i].length() - 3);
            }
        }
        StringBuilder dots = new StringBuilder();
        for (int e = 0; e < ellipsis; e++) {
            dots.append((char) ('0' + e));
        }
        String[] terms = new String[inputs.length];
        Map<Character, Integer> sizes = new LinkedHashMap<>();
        Map<Character, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < inputs.length; i++) {
            terms[i] = inputs[i].replace("...", dots);
            for (int axis = 0; axis < terms[i].length(); axis++) {
                sizes.put(terms[i].charAt(axis), operands.get(i).shape().dim(axis));
                counts.merge(terms[i].charAt(axis), 1, Integer::sum);
            }
        }
        String output;
        if (sides.length > 1) {
            output = sides[1].replace("...", dots);
        } else {
            StringBuilder implicit = new StringBuilder(dots);
            counts.entrySet().stream().filter(e -> e.getValue() == 1 && e.getKey() >= 'A')
                    .map(Map.Entry::getKey).sorted().forEach(implicit::append);
            output = implicit.toString();
        }
        List<Character> labels = new ArrayList<>(sizes.keySet());
        int[] outDims = new int[output.length()];
        for (int i = 0; i < outDims.length; i++) {
            outDims[i] = sizes.get(output.charAt(i));
        }
        Shape outShape = Shape.of(outDims);
        double[] out = new double[outShape.size()];
        int[] value = new int[labels.size()];
        while (true) {
            double product = 1;
            for (int i = 0; i < terms.length; i++) {
                int[] index = new int[terms[i].length()];
                for (int axis = 0; axis < index.length; axis++) {
                    index[axis] = value[labels.indexOf(terms[i].charAt(axis))];
                }
                product *= operands.get(i).get(index);
            }
            int flat = 0;
            for (int axis = 0; axis < output.length(); axis++) {
                flat = flat * outDims[axis] + value[labels.indexOf(output.charAt(axis))];
            }
            out[flat] += product;
            int d = labels.size() - 1;
            while (d >= 0 && ++value[d] == sizes.get(labels.get(d))) {
                value[d--] = 0;
            }
            if (d < 0) {
                break;
            }
        }
        return Tensor.of(out, outShape, DType.FLOAT64);
    }
}
