package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Einstein summation ({@link Tensor#einsum}) lowered to primitives: diagonals by reshape and a
 * strided {@link Slice}, sums by {@link ReduceSum}, reordering by {@link Permute}, and each pair of
 * operands either multiplied with broadcasting (no shared index summed) or contracted by one
 * batched {@link MatMul} of {@code [batch, rows, contracted] x [batch, contracted, columns]},
 * reading an operand transposed in place when its axes already come in that order.
 *
 * <p>Labels are ints: the ellipsis axes are {@code 0..E-1} (aligned right across the operands, as
 * NumPy broadcasts them) and letter {@code ch} is {@code LETTERS + ch}, so that ascending order is
 * the implicit output's order (ellipsis first, then letters by character code, as NumPy and
 * PyTorch).
 */
final class Einsum {

    private static final int LETTERS = 1 << 16;

    private Einsum() {}

    /** An operand and the label of each of its axes. */
    private record Term(Tensor tensor, int[] labels) {}

    /**
     * Validates and lowers; an error from an operation einsum lowers to (which validation should
     * have prevented) is rethrown naming einsum, the spec and the operands, never only the
     * inner operation.
     */
    static Tensor einsum(String spec, List<Tensor> operands) {
        checkNotNull(spec, "einsum: spec is null");
        checkNotNull(operands, "einsum: operands");
        try {
            return lower(spec, operands);
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("einsum")) {
                throw e;
            }
            StringBuilder message = new StringBuilder("einsum \"").append(spec)
                    .append("\" of");
            for (Tensor operand : operands) {
                message.append(' ').append(operand.shape()).append(' ')
                        .append(operand.dtype()).append(',');
            }
            message.setCharAt(message.length() - 1, ':');
            message.append(' ').append(e.getMessage());
            if (e instanceof ArithmeticException) {
                ArithmeticException overflow = new ArithmeticException(message.toString());
                overflow.initCause(e);
                throw overflow;
            }
            throw e instanceof IllegalStateException
                    ? new IllegalStateException(message.toString(), e)
                    : new IllegalArgumentException(message.toString(), e);
        }
    }

    private static Tensor lower(String spec, List<Tensor> operands) {
        String s = spec.replaceAll("\\s", "");
        int arrow = s.indexOf("->");
        checkArgument(arrow < 0 || s.indexOf("->", arrow + 2) < 0,
                "einsum: spec \"%s\" has more than one \"->\"", spec);
        String[] inputs = (arrow < 0 ? s : s.substring(0, arrow)).split(",", -1);
        checkArgument(inputs.length == operands.size(),
                "einsum: spec \"%s\" names %s operands, got %s tensors",
                spec, inputs.length, operands.size());
        DType dtype = null;
        for (int i = 0; i < operands.size(); i++) {
            Tensor operand = checkNotNull(operands.get(i), "einsum: operand %s is null", i);
            checkArgument(dtype == null || operand.dtype() == dtype,
                    "einsum: dtypes differ (%s and %s); cast explicitly", dtype, operand.dtype());
            dtype = operand.dtype();
        }
        // Parse each input term: letters, and at most one ellipsis (-1 in the parsed list).
        List<int[]> parsed = new ArrayList<>();
        int ellipsisRank = 0;
        for (int i = 0; i < inputs.length; i++) {
            int[] term = parseTerm(spec, inputs[i]);
            int letters = (int) Arrays.stream(term).filter(label -> label >= 0).count();
            int rank = operands.get(i).rank();
            boolean ellipsis = letters < term.length;
            checkArgument(ellipsis ? letters <= rank : letters == rank,
                    "einsum: operand %s of spec \"%s\" has %s labels \"%s\" for shape %s",
                    i, spec, letters, inputs[i], operands.get(i).shape());
            if (ellipsis) {
                ellipsisRank = Math.max(ellipsisRank, rank - letters);
            }
            parsed.add(term);
        }
        // Label every axis, and check that each label has one size (or 1, which broadcasts).
        List<Term> terms = new ArrayList<>();
        Map<Integer, Integer> sizes = new TreeMap<>();
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < inputs.length; i++) {
            Tensor operand = operands.get(i);
            int[] labels = expand(parsed.get(i), operand.rank(), ellipsisRank);
            for (int axis = 0; axis < labels.length; axis++) {
                int label = labels[axis];
                int size = operand.shape().dim(axis);
                for (int other = 0; other < axis; other++) {
                    checkArgument(labels[other] != label || operand.shape().dim(other) == size,
                            "einsum: label %s of spec \"%s\" is repeated in operand %s with"
                                    + " sizes %s and %s (shape %s); a diagonal needs equal sizes",
                            name(label), spec, i, operand.shape().dim(other), size,
                            operand.shape());
                }
                Integer known = sizes.get(label);
                checkArgument(known == null || known == size || known == 1 || size == 1,
                        "einsum: label %s of spec \"%s\" has size %s in operand %s (shape %s)"
                                + " and size %s in an earlier operand (shapes %s)", name(label),
                        spec, size, i, operand.shape(), known, shapes(operands));
                sizes.put(label, known == null ? size : Math.max(known, size));
                counts.merge(label, 1, Integer::sum);
            }
            terms.add(new Term(operand, labels));
        }
        int[] output = arrow < 0 ? implicitOutput(counts)
                : parseOutput(spec, s.substring(arrow + 2), sizes.keySet(), ellipsisRank);
        // Diagonals first, then broadcast size-1 axes to their label's size.
        for (int i = 0; i < terms.size(); i++) {
            Term term = diagonals(terms.get(i));
            Tensor t = term.tensor();
            int[] target = new int[term.labels().length];
            for (int axis = 0; axis < target.length; axis++) {
                target[axis] = sizes.get(term.labels()[axis]);
            }
            terms.set(i, new Term(t.broadcastTo(Shape.of(target)), term.labels()));
        }
        // Contract left to right, summing each label as soon as nothing later needs it.
        Term current = sumUnneeded(terms.get(0), needed(output, terms, 1));
        for (int i = 1; i < terms.size(); i++) {
            Set<Integer> keep = needed(output, terms, i + 1);
            Set<Integer> withCurrent = new LinkedHashSet<>(keep);
            addAll(withCurrent, current.labels());
            Term next = sumUnneeded(terms.get(i), withCurrent);
            Set<Integer> withNext = new LinkedHashSet<>(keep);
            addAll(withNext, next.labels());
            current = contract(sumUnneeded(current, withNext), next, keep);
        }
        current = sumUnneeded(current, needed(output, terms, terms.size()));
        int[] order = new int[output.length];
        for (int i = 0; i < output.length; i++) {
            order[i] = indexOf(current.labels(), output[i]);
        }
        return current.tensor().permute(order);
    }

    /** Letters as {@code LETTERS + ch}; the ellipsis as -1. */
    private static int[] parseTerm(String spec, String term) {
        List<Integer> labels = new ArrayList<>();
        boolean ellipsis = false;
        for (int i = 0; i < term.length(); i++) {
            char ch = term.charAt(i);
            if (ch == '.') {
                checkArgument(term.startsWith("...", i) && !ellipsis,
                        "einsum: spec \"%s\" has a stray '.' in \"%s\" (one \"...\" per term)",
                        spec, term);
                ellipsis = true;
                labels.add(-1);
                i += 2;
            } else {
                checkArgument((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'),
                        "einsum: spec \"%s\" has '%s' in \"%s\"; labels are letters a-z, A-Z",
                        spec, ch, term);
                labels.add(LETTERS + ch);
            }
        }
        return labels.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The labels of an operand's axes: the ellipsis becomes the last of the ellipsis labels. */
    private static int[] expand(int[] term, int rank, int ellipsisRank) {
        int[] labels = new int[rank];
        int covered = rank - (int) Arrays.stream(term).filter(label -> label >= 0).count();
        int axis = 0;
        for (int label : term) {
            if (label < 0) {
                for (int e = 0; e < covered; e++) {
                    labels[axis++] = ellipsisRank - covered + e;
                }
            } else {
                labels[axis++] = label;
            }
        }
        return labels;
    }

    /** NumPy's implicit output: the ellipsis, then the letters used once, in character order. */
    private static int[] implicitOutput(Map<Integer, Integer> counts) {
        return counts.entrySet().stream()
                .filter(entry -> entry.getKey() < LETTERS || entry.getValue() == 1)
                .mapToInt(Map.Entry::getKey).sorted().toArray();
    }

    private static int[] parseOutput(String spec, String term, Set<Integer> inputLabels,
            int ellipsisRank) {
        int[] parsed = parseTerm(spec, term);
        List<Integer> output = new ArrayList<>();
        for (int label : parsed) {
            if (label < 0) {
                for (int e = 0; e < ellipsisRank; e++) {
                    output.add(e);
                }
            } else {
                checkArgument(inputLabels.contains(label),
                        "einsum: output label %s of spec \"%s\" is in no input", name(label),
                        spec);
                checkArgument(!output.contains(label),
                        "einsum: output label %s of spec \"%s\" is repeated", name(label), spec);
                output.add(label);
            }
        }
        return output.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The labels of the output and of the terms from {@code from} on. */
    private static Set<Integer> needed(int[] output, List<Term> terms, int from) {
        Set<Integer> needed = new LinkedHashSet<>();
        addAll(needed, output);
        for (int i = from; i < terms.size(); i++) {
            addAll(needed, terms.get(i).labels());
        }
        return needed;
    }

    /**
     * The term with every repeated label replaced by its diagonal, as a last axis: the two axes
     * moved to the end, merged into one of {@code n * n} elements and read with step {@code n + 1}.
     */
    private static Term diagonals(Term term) {
        Tensor t = term.tensor();
        int[] labels = term.labels();
        while (true) {
            int first = -1;
            int second = -1;
            for (int q = 0; q < labels.length && first < 0; q++) {
                for (int p = 0; p < q; p++) {
                    if (labels[p] == labels[q]) {
                        first = p;
                        second = q;
                        break;
                    }
                }
            }
            if (first < 0) {
                return new Term(t, labels);
            }
            int rank = labels.length;
            int[] order = new int[rank];
            int[] kept = new int[rank - 1];
            int j = 0;
            for (int axis = 0; axis < rank; axis++) {
                if (axis != first && axis != second) {
                    kept[j] = labels[axis];
                    order[j++] = axis;
                }
            }
            order[rank - 2] = first;
            order[rank - 1] = second;
            kept[rank - 2] = labels[first];
            t = diagonalOfLastTwo(t.permute(order));
            labels = kept;
        }
    }

    /** The main diagonal of the last two (equal) axes, as one last axis. */
    static Tensor diagonalOfLastTwo(Tensor t) {
        int rank = t.rank();
        int n = t.shape().dim(-1);
        int[] dims = Arrays.copyOf(t.shape().toArray(), rank - 1);
        dims[rank - 2] = n * n;
        return t.reshape(dims).slice(-1, 0, n * n, n + 1);
    }

    /** The term summed over the labels outside {@code needed}. */
    private static Term sumUnneeded(Term term, Set<Integer> needed) {
        int[] labels = term.labels();
        List<Integer> axes = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (int axis = 0; axis < labels.length; axis++) {
            if (needed.contains(labels[axis])) {
                kept.add(labels[axis]);
            } else {
                axes.add(axis);
            }
        }
        if (axes.isEmpty()) {
            return term;
        }
        return new Term(term.tensor().sum(axes.stream().mapToInt(Integer::intValue).toArray(),
                false), kept.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * {@code a} and {@code b} combined: their shared labels in {@code keep} are batch axes, the
     * other shared labels are summed, the rest are kept. Result labels: batch, a's own, b's own.
     */
    private static Term contract(Term a, Term b, Set<Integer> keep) {
        List<Integer> batch = new ArrayList<>();
        List<Integer> contracted = new ArrayList<>();
        List<Integer> aOnly = new ArrayList<>();
        List<Integer> bOnly = new ArrayList<>();
        for (int label : a.labels()) {
            if (indexOf(b.labels(), label) < 0) {
                aOnly.add(label);
            } else if (keep.contains(label)) {
                batch.add(label);
            } else {
                contracted.add(label);
            }
        }
        for (int label : b.labels()) {
            if (indexOf(a.labels(), label) < 0) {
                bOnly.add(label);
            }
        }
        int[] result = concat(batch, aOnly, bOnly);
        int[] batchDims = dims(a, batch);
        int[] aDims = dims(a, aOnly);
        int[] bDims = dims(b, bOnly);
        if (contracted.isEmpty()) {
            // No sum over a shared index: a broadcast product of [batch, a's, 1...] and
            // [batch, 1..., b's].
            Tensor left = arrange(a, concat(batch, aOnly, List.of()))
                    .reshape(concatDims(batchDims, aDims, ones(bDims.length)));
            Tensor right = arrange(b, concat(batch, bOnly, List.of()))
                    .reshape(concatDims(batchDims, ones(aDims.length), bDims));
            return new Term(left.mul(right), result);
        }
        int m = product(aDims);
        int n = product(bDims);
        int k = product(dims(a, contracted));
        int[] naturalA = concat(batch, aOnly, contracted);
        boolean transposeA = !Arrays.equals(a.labels(), naturalA)
                && Arrays.equals(a.labels(), concat(batch, contracted, aOnly));
        int[] naturalB = concat(batch, contracted, bOnly);
        boolean transposeB = !Arrays.equals(b.labels(), naturalB)
                && Arrays.equals(b.labels(), concat(batch, bOnly, contracted));
        if (a.tensor().dtype().isInteger()) {
            // The GEMM is float-only: an integer contraction is a broadcast product of
            // [batch, m, k, 1] and [batch, 1, k, n] summed over k (exact; wraps on overflow).
            int[] batchPart = batch.isEmpty() ? new int[0] : new int[] {product(batchDims)};
            Tensor left = arrange(a, naturalA)
                    .reshape(concatDims(batchPart, new int[] {m, k}, new int[] {1}));
            Tensor right = arrange(b, naturalB)
                    .reshape(concatDims(batchPart, new int[] {1}, new int[] {k, n}));
            Tensor product = left.mul(right).sum(new int[] {-2}, false);
            return new Term(product.reshape(concatDims(batchDims, aDims, bDims)), result);
        }
        Tensor left = transposeA ? a.tensor() : arrange(a, naturalA);
        Tensor right = transposeB ? b.tensor() : arrange(b, naturalB);
        int batchSize = product(batchDims);
        left = left.reshape(matrix(batch.isEmpty(), batchSize, transposeA ? k : m,
                transposeA ? m : k));
        right = right.reshape(matrix(batch.isEmpty(), batchSize, transposeB ? n : k,
                transposeB ? k : n));
        Tensor product = Tensor.apply(new MatMul(transposeA, transposeB), left, right);
        return new Term(product.reshape(concatDims(batchDims, aDims, bDims)), result);
    }

    /** The term's tensor with its axes in the order of {@code labels}. */
    private static Tensor arrange(Term term, int[] labels) {
        int[] order = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            order[i] = indexOf(term.labels(), labels[i]);
        }
        return term.tensor().permute(order);
    }

    private static int[] matrix(boolean unbatched, int batch, int rows, int columns) {
        return unbatched ? new int[] {rows, columns} : new int[] {batch, rows, columns};
    }

    private static int[] dims(Term term, List<Integer> labels) {
        int[] dims = new int[labels.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = term.tensor().shape().dim(indexOf(term.labels(), labels.get(i)));
        }
        return dims;
    }

    private static int[] concat(List<Integer> first, List<Integer> second, List<Integer> third) {
        int[] out = new int[first.size() + second.size() + third.size()];
        int i = 0;
        for (List<Integer> part : List.of(first, second, third)) {
            for (int label : part) {
                out[i++] = label;
            }
        }
        return out;
    }

    private static int[] concatDims(int[] first, int[] second, int[] third) {
        int[] out = Arrays.copyOf(first, first.length + second.length + third.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        System.arraycopy(third, 0, out, first.length + second.length, third.length);
        return out;
    }

    private static int[] ones(int n) {
        int[] out = new int[n];
        Arrays.fill(out, 1);
        return out;
    }

    private static int product(int[] dims) {
        int product = 1;
        for (int dim : dims) {
            product *= dim;
        }
        return product;
    }

    private static int indexOf(int[] labels, int label) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == label) {
                return i;
            }
        }
        return -1;
    }

    private static void addAll(Set<Integer> set, int[] labels) {
        for (int label : labels) {
            set.add(label);
        }
    }

    private static String name(int label) {
        return label >= LETTERS ? "'" + (char) (label - LETTERS) + "'" : "'...'";
    }

    private static String shapes(List<Tensor> operands) {
        List<Shape> shapes = new ArrayList<>();
        for (Tensor operand : operands) {
            shapes.add(operand.shape());
        }
        return shapes.toString();
    }
}
