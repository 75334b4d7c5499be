package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * An immutable ordered map from parameter path ({@code "layers.0.weight"}) to tensor: the
 * parameters of a model, their gradients, or an optimiser's updates. The gradient of a function of
 * {@code Params} is a {@code Params} with the same keys in the same order.
 *
 * <p>Paths are dot-separated, as PyTorch's {@code state_dict} keys are.
 */
public final class Params {

    private static final Params EMPTY = new Params(ImmutableMap.of());

    private final ImmutableMap<String, Tensor> tensors;

    private Params(ImmutableMap<String, Tensor> tensors) {
        this.tensors = tensors;
    }

    /** No parameters. */
    public static Params of() {
        return EMPTY;
    }

    /** One parameter. */
    public static Params of(String path, Tensor tensor) {
        checkNotNull(path, "params: a path is null");
        checkNotNull(tensor, "params: no tensor at %s", path);
        return copyOf(Map.of(path, tensor));
    }

    /** Two parameters, in this order. */
    public static Params of(String path1, Tensor tensor1, String path2, Tensor tensor2) {
        checkNotNull(path1, "params: a path is null");
        checkNotNull(path2, "params: a path is null");
        checkNotNull(tensor1, "params: no tensor at %s", path1);
        checkNotNull(tensor2, "params: no tensor at %s", path2);
        checkArgument(!path1.equals(path2), "params: path %s appears twice", path1);
        return copyOf(ImmutableMap.of(path1, tensor1, path2, tensor2));
    }

    /**
     * The entries of {@code tensors}, in its iteration order.
     *
     * @throws NullPointerException if a path or tensor is null
     */
    public static Params copyOf(Map<String, Tensor> tensors) {
        tensors.forEach((path, tensor) -> {
            checkArgument(!path.isEmpty(), "params: a path is empty");
            checkNotNull(tensor, "params: no tensor at %s", path);
        });
        return new Params(ImmutableMap.copyOf(tensors));
    }

    /**
     * Several groups of parameters under prefixes, in the order of {@code groups}: {@code
     * concat(List.of(Map.entry("0", a), Map.entry("1", b)))} has paths {@code "0.weight"}, ...,
     * {@code "1.weight"}, ... An empty prefix adds a group's paths as they are.
     *
     * @throws IllegalArgumentException if two paths collide
     */
    public static Params concat(List<Map.Entry<String, Params>> groups) {
        ImmutableMap.Builder<String, Tensor> builder = ImmutableMap.builder();
        for (Map.Entry<String, Params> group : groups) {
            String prefix = checkNotNull(group.getKey(), "params: a prefix is null");
            checkNotNull(group.getValue(), "params: no group at %s", prefix).tensors.forEach(
                    (path, tensor) -> builder.put(
                            prefix.isEmpty() ? path : prefix + "." + path, tensor));
        }
        ImmutableMap<String, Tensor> tensors;
        try {
            tensors = builder.buildOrThrow();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("params: concat gives a path twice: "
                    + e.getMessage(), e);
        }
        return copyOf(tensors);
    }

    /**
     * Several groups of parameters under prefixes, in the iteration order of {@code groups},
     * which must have one: a {@code LinkedHashMap}, a {@code SortedMap}, a Guava {@code
     * ImmutableMap}, or a map of one entry. {@code Map.of} and {@code HashMap} have no fixed
     * order (the paths, and so a gradient check's elements, would change from run to run), so
     * they are refused; see {@link #concat(List)}.
     *
     * @throws IllegalArgumentException if {@code groups} has no fixed order or two paths collide
     */
    public static Params concat(Map<String, Params> groups) {
        checkArgument(groups.size() <= 1 || groups instanceof LinkedHashMap
                        || groups instanceof SortedMap || groups instanceof ImmutableMap,
                "params: concat needs groups in a fixed order, got a %s (Map.of and HashMap"
                        + " iterate in no fixed order); use a LinkedHashMap or"
                        + " Params.concat(List.of(Map.entry(prefix, params), ...))",
                groups.getClass().getSimpleName());
        return concat(List.copyOf(groups.entrySet()));
    }

    /**
     * The parameters whose paths start with {@code prefix + "."}, with that prefix removed: the
     * inverse of {@link #concat(List)} for one group.
     */
    public Params scope(String prefix) {
        String start = prefix + ".";
        ImmutableMap.Builder<String, Tensor> builder = ImmutableMap.builder();
        tensors.forEach((path, tensor) -> {
            if (path.startsWith(start)) {
                builder.put(path.substring(start.length()), tensor);
            }
        });
        return new Params(builder.buildOrThrow());
    }

    /**
     * The tensor at {@code path}.
     *
     * @throws IllegalArgumentException if there is none, listing the paths there are
     */
    public Tensor get(String path) {
        Tensor tensor = tensors.get(checkNotNull(path, "path"));
        checkArgument(tensor != null,
                "params: no parameter %s; paths are %s", path, tensors.keySet());
        return tensor;
    }

    /** The paths, in order. */
    public ImmutableSet<String> paths() {
        return tensors.keySet();
    }

    /** The entries, in order. */
    public ImmutableMap<String, Tensor> asMap() {
        return tensors;
    }

    /** The number of tensors. */
    public int size() {
        return tensors.size();
    }

    /** The total number of elements of all tensors (the parameter count). */
    public long numElements() {
        long count = 0;
        for (Tensor tensor : tensors.values()) {
            count += tensor.size();
        }
        return count;
    }

    /** Applies {@code f} to every tensor, keeping paths and order. */
    public Params map(UnaryOperator<Tensor> f) {
        ImmutableMap.Builder<String, Tensor> builder = ImmutableMap.builderWithExpectedSize(size());
        tensors.forEach((path, tensor) -> builder.put(path, checkNotNull(f.apply(tensor), path)));
        return new Params(builder.buildOrThrow());
    }

    /**
     * Combines matching tensors of two {@code Params} with the same paths and shapes.
     *
     * @throws IllegalArgumentException if the paths differ, naming both sets, or the shapes at a
     *     path differ, naming it
     */
    public Params zipWith(Params other, BinaryOperator<Tensor> f) {
        checkArgument(tensors.keySet().equals(other.tensors.keySet()),
                "params: paths differ: %s and %s", tensors.keySet(), other.tensors.keySet());
        ImmutableMap.Builder<String, Tensor> builder = ImmutableMap.builderWithExpectedSize(size());
        tensors.forEach((path, tensor) -> {
            Tensor partner = other.tensors.get(path);
            // Parallel structures never broadcast: a shape change would be silent.
            checkArgument(tensor.shape().equals(partner.shape()),
                    "params: shapes differ at %s: %s and %s",
                    path, tensor.shape(), partner.shape());
            builder.put(path, f.apply(tensor, partner));
        });
        return new Params(builder.buildOrThrow());
    }

    /** Elementwise sum with {@code other}: applies updates, {@code params.plus(updates)}. */
    public Params plus(Params other) {
        return zipWith(other, Tensor::add);
    }

    /** Every tensor times {@code factor}. */
    public Params scale(double factor) {
        return map(tensor -> tensor.mul(factor));
    }

    /**
     * Every tensor converted to {@code dtype} (see {@link Tensor#cast}): a float32 copy of a
     * model is {@code model.withParams(model.params().cast(DType.FLOAT32))}.
     *
     * @throws NullPointerException if {@code dtype} is null
     */
    public Params cast(DType dtype) {
        checkNotNull(dtype, "params: dtype is null");
        return map(tensor -> tensor.cast(dtype));
    }

    /** Zeros of the same shapes and dtypes. */
    public Params zerosLike() {
        return map(Tensor::zerosLike);
    }

    /** The same values without graphs. */
    public Params stopGradient() {
        return map(Tensor::stopGradient);
    }

    /** Whether both have the same paths and every pair of tensors is {@code allClose}. */
    public boolean allClose(Params other, double rtol, double atol) {
        if (!tensors.keySet().equals(other.tensors.keySet())) {
            return false;
        }
        for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
            if (!entry.getValue().allClose(other.tensors.get(entry.getKey()), rtol, atol)) {
                return false;
            }
        }
        return true;
    }

    /** {@code Params{0.weight=[32, 64] float64, 0.bias=[32] float64}}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Params{");
        String separator = "";
        for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
            Tensor tensor = entry.getValue();
            out.append(separator).append(entry.getKey()).append('=').append(tensor.shape())
                    .append(' ').append(tensor.dtype());
            separator = ", ";
        }
        return out.append('}').toString();
    }
}
