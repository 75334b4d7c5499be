package jgrad.datasets;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.primitives.ImmutableIntArray;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import jgrad.core.Tensor;

/**
 * Label encoding of string classes: class {@code classes.get(i)} has id {@code i}. Immutable;
 * {@link #fit} it on the training labels (or state the classes with {@link #of}) and use the same
 * encoder to {@link #encode} every split and to {@link #decode} predicted ids back to names.
 *
 * <pre>{@code
 * jshell> var encoder = LabelEncoder.fit(List.of("virginica", "setosa", "virginica"))
 * encoder ==> LabelEncoder[setosa=0, virginica=1]
 * jshell> encoder.encode(List.of("virginica", "setosa"))
 * $2 ==> [1, 0]
 * jshell> encoder.decode(ImmutableIntArray.of(0, 1, 1))
 * $3 ==> [setosa, virginica, virginica]
 * }</pre>
 *
 * @param classes the class names, indexed by id; distinct
 */
public record LabelEncoder(ImmutableList<String> classes) {

    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");

    /** @throws IllegalArgumentException if a class name is null or appears twice (naming it) */
    public LabelEncoder {
        checkNotNull(classes, "classes");
        Set<String> seen = new LinkedHashSet<>();
        for (String name : classes) {
            checkArgument(name != null, "labelEncoder: a class name is null in %s", classes);
            checkArgument(seen.add(name), "labelEncoder: class '%s' appears twice in %s",
                    name, quoted(classes));
        }
    }

    /** The encoder of the stated classes, in the stated order: {@code classes[i]} gets id i. */
    public static LabelEncoder of(List<String> classes) {
        return new LabelEncoder(ImmutableList.copyOf(checkNotNull(classes, "classes")));
    }

    /** The encoder of the stated classes; see {@link #of(List)}. */
    public static LabelEncoder of(String... classes) {
        return of(List.of(classes));
    }

    /** The encoder of the distinct labels, {@linkplain ClassOrder#SORTED sorted}. */
    public static LabelEncoder fit(Iterable<String> labels) {
        return fit(labels, ClassOrder.SORTED);
    }

    /**
     * The encoder of the distinct labels in {@code order}: sorted (scikit-learn's {@code
     * LabelEncoder}; numerically when every label is a decimal number) or by first appearance
     * (pandas' {@code factorize}).
     *
     * @throws IllegalArgumentException if a label is null
     */
    public static LabelEncoder fit(Iterable<String> labels, ClassOrder order) {
        checkNotNull(labels, "labels");
        checkNotNull(order, "order");
        Set<String> distinct = new LinkedHashSet<>();
        for (String label : labels) {
            checkArgument(label != null, "labelEncoder fit: a label is null");
            distinct.add(label);
        }
        List<String> classes = new ArrayList<>(distinct);
        if (order == ClassOrder.SORTED) {
            boolean numeric = classes.stream().allMatch(c -> DECIMAL.matcher(c).matches());
            Comparator<String> byCodePoint = LabelEncoder::compareCodePoints;
            Comparator<String> byValue = Comparator.comparing(BigDecimal::new);
            classes.sort(numeric ? byValue.thenComparing(byCodePoint) : byCodePoint);
        }
        return new LabelEncoder(ImmutableList.copyOf(classes));
    }

    /** The number of classes. */
    public int numClasses() {
        return classes.size();
    }

    /**
     * The id of {@code label}.
     *
     * @throws IllegalArgumentException if it is not one of the classes (naming it and them)
     */
    public int encode(String label) {
        Integer id = ids().get(label);
        checkArgument(id != null, "labelEncoder encode: unknown label '%s'; the classes are %s",
                label, quoted(classes));
        return id;
    }

    /**
     * The id of each label. Shapes: {@code [n]} -> {@code [n]}.
     *
     * @throws IllegalArgumentException if a label is not one of the classes (naming it, its index
     *     and the classes)
     */
    public ImmutableIntArray encode(List<String> labels) {
        checkNotNull(labels, "labels");
        ImmutableMap<String, Integer> ids = ids();
        int[] encoded = new int[labels.size()];
        for (int i = 0; i < encoded.length; i++) {
            Integer id = ids.get(labels.get(i));
            checkArgument(id != null,
                    "labelEncoder encode: unknown label '%s' at index %s; the classes are %s",
                    labels.get(i), i, quoted(classes));
            encoded[i] = id;
        }
        return ImmutableIntArray.copyOf(encoded);
    }

    /**
     * The class name of {@code id}.
     *
     * @throws IllegalArgumentException if {@code id} is outside {@code 0..numClasses-1}
     */
    public String decode(int id) {
        checkArgument(0 <= id && id < classes.size(),
                "labelEncoder decode: id %s is outside the valid range 0..%s",
                id, classes.size() - 1);
        return classes.get(id);
    }

    /**
     * The class name of each id, e.g. of {@code OneHot.decode(logits)}.
     *
     * @throws IllegalArgumentException if an id is out of range (naming it and its index)
     */
    public ImmutableList<String> decode(ImmutableIntArray ids) {
        checkNotNull(ids, "ids");
        ImmutableList.Builder<String> names = ImmutableList.builder();
        for (int i = 0; i < ids.length(); i++) {
            int id = ids.get(i);
            checkArgument(0 <= id && id < classes.size(),
                    "labelEncoder decode: id %s at index %s is outside the valid range 0..%s",
                    id, i, classes.size() - 1);
            names.add(classes.get(id));
        }
        return names.build();
    }

    /**
     * The class name of each id of an int32 or int64 tensor {@code [n]}, e.g. {@code
     * logits.argmax(1)}.
     *
     * @throws IllegalArgumentException if {@code ids} is not a 1-D integer tensor or an id is out
     *     of range
     */
    public ImmutableList<String> decode(Tensor ids) {
        return decode(IntegerLabels.of(ids, "labelEncoder decode"));
    }

    /**
     * One-hot rows of {@code labels}. Shapes: {@code [n]} -> {@code [n, numClasses]}, float64.
     *
     * @throws IllegalArgumentException as {@link #encode(List)}
     */
    public Tensor oneHot(List<String> labels) {
        return OneHot.encode(encode(labels), numClasses());
    }

    private ImmutableMap<String, Integer> ids() {
        ImmutableMap.Builder<String, Integer> ids = ImmutableMap.builder();
        for (int i = 0; i < classes.size(); i++) {
            ids.put(classes.get(i), i);
        }
        return ids.buildOrThrow();
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** {@code LabelEncoder[setosa=0, versicolor=1, virginica=2]}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("LabelEncoder[");
        for (int i = 0; i < classes.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(classes.get(i)).append('=').append(i);
        }
        return text.append(']').toString();
    }

    /** {@code names} quoted, {@code ['a', 'b, c']}, so that a name holding a comma is clear. */
    private static String quoted(List<String> names) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < names.size(); i++) {
            out.append(i == 0 ? "'" : ", '").append(names.get(i)).append('\'');
        }
        return out.append(']').toString();
    }
}
