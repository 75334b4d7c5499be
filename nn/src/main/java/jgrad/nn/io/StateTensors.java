package jgrad.nn.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.Sets;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jgrad.core.DType;
import jgrad.core.Params;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * Flattens an optimiser state (or any state value built from records) to named tensors and
 * rebuilds it, so that it can be saved in a safetensors file; a generic walker over records,
 * lists, {@link Params}, tensors and numbers, with no codec to write per state type. Every state of
 * {@code jgrad.nn.optim} ({@code AdamState}, {@code ChainState}, {@code MomentumState}, ...) and
 * any new one made of the same parts is covered.
 *
 * <p>Names are dot-separated paths: a record component by its name, a list element by its index,
 * a {@code Params} entry by its path, so {@code chain(scaleByAdam(...), scale(...))}'s state
 * {@code ChainState([AdamState(3, mu, nu), EmptyState()])} flattens to {@code states.0.count},
 * {@code states.0.mu.0.weight}, ..., {@code states.0.nu.2.bias}. Numbers become scalars of shape
 * {@code []}: a step count (any integer type) an int64, a running scale a float64, a boolean an
 * int64 0 or 1; all exact.
 *
 * <p>Rebuilding needs a <em>template</em> of the same structure, which the optimiser's {@code
 * init(params)} gives: the walker follows the template, takes each leaf from the tensors by name,
 * checks its shape and dtype against the template's, and calls each record's canonical
 * constructor (so its own validation runs). Missing, unused or mismatched entries are refused,
 * naming them.
 *
 * <pre>{@code
 * jshell> var named = StateTensors.flatten(state);
 * jshell> AdamState back = StateTensors.unflatten(opt.init(params), named);
 * }</pre>
 */
public final class StateTensors {

    private StateTensors() {}

    /**
     * The tensors of {@code state} by path (see the class description), in walk order.
     *
     * @throws IllegalArgumentException if the state holds something other than records, lists,
     *     {@code Params}, tensors, numbers and booleans (naming its type and path), or a null
     */
    public static ImmutableMap<String, Tensor> flatten(Object state) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        flatten(state, "", out);
        return ImmutableMap.copyOf(out);
    }

    private static void flatten(Object value, String path, Map<String, Tensor> out) {
        checkArgument(value != null, "state: null at %s", shown(path));
        if (value instanceof Tensor tensor) {
            put(out, path, tensor);
        } else if (value instanceof Params params) {
            params.asMap().forEach((name, tensor) -> put(out, join(path, name), tensor));
        } else if (value instanceof Double || value instanceof Float) {
            put(out, path, Tensor.scalar(((Number) value).doubleValue()));
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            put(out, path, longScalar(((Number) value).longValue()));
        } else if (value instanceof Boolean flag) {
            put(out, path, longScalar(flag ? 1 : 0));
        } else if (value instanceof Record) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                flatten(read(component, value, path), join(path, component.getName()), out);
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(list.get(i), join(path, String.valueOf(i)), out);
            }
        } else {
            throw new IllegalArgumentException("state: cannot store a "
                    + value.getClass().getName() + " at " + shown(path) + " (records, lists,"
                    + " Params, tensors, numbers and booleans can be stored)");
        }
    }

    /**
     * The state of {@code template}'s structure with its tensors and numbers taken from {@code
     * tensors} by path.
     *
     * @param template a state of the same structure and shapes, e.g. {@code optimizer.init(params)}
     * @param <S>      the state type
     * @throws IllegalArgumentException if an entry is missing, left over, of another shape or
     *     dtype than the template's, not a whole number where the template has an integer, or
     *     rejected by a record's constructor, naming the path
     */
    @SuppressWarnings("unchecked")
    public static <S> S unflatten(S template, Map<String, Tensor> tensors) {
        checkNotNull(template, "state: template is null");
        checkNotNull(tensors, "state: tensors is null");
        Set<String> used = new HashSet<>();
        S state = (S) unflatten(template, "", tensors, used);
        Set<String> unused = Sets.difference(tensors.keySet(), used);
        checkArgument(unused.isEmpty(), "state: entries %s are not part of a %s",
                unused, template.getClass().getSimpleName());
        return state;
    }

    private static Object unflatten(Object template, String path, Map<String, Tensor> tensors,
            Set<String> used) {
        if (template instanceof Tensor tensor) {
            return take(tensors, path, tensor.shape(), tensor, used);
        }
        if (template instanceof Params params) {
            Map<String, Tensor> rebuilt = new LinkedHashMap<>();
            params.asMap().forEach((name, tensor) -> rebuilt.put(name,
                    take(tensors, join(path, name), tensor.shape(), tensor, used)));
            return Params.copyOf(rebuilt);
        }
        if (template instanceof Double) {
            return scalar(tensors, path, DType.FLOAT64, used).item();
        }
        if (template instanceof Float) {
            return (float) scalar(tensors, path, DType.FLOAT64, used).item();
        }
        if (template instanceof Long || template instanceof Integer || template instanceof Short
                || template instanceof Byte) {
            long value = scalar(tensors, path, DType.INT64, used).toLongArray()[0];
            long min = template instanceof Long ? Long.MIN_VALUE
                    : template instanceof Integer ? Integer.MIN_VALUE
                    : template instanceof Short ? Short.MIN_VALUE : Byte.MIN_VALUE;
            long max = template instanceof Long ? Long.MAX_VALUE
                    : template instanceof Integer ? Integer.MAX_VALUE
                    : template instanceof Short ? Short.MAX_VALUE : Byte.MAX_VALUE;
            checkArgument(min <= value && value <= max, "state: %s holds %s, outside the range"
                    + " %s..%s of its %s", shown(path), value, min, max,
                    template.getClass().getSimpleName());
            if (template instanceof Long) {
                return value;
            }
            if (template instanceof Integer) {
                return (int) value;
            }
            return template instanceof Short ? (Object) (short) value : (Object) (byte) value;
        }
        if (template instanceof Boolean) {
            long value = scalar(tensors, path, DType.INT64, used).toLongArray()[0];
            checkArgument(value == 0 || value == 1,
                    "state: %s holds %s where a boolean (0 or 1) is expected", shown(path), value);
            return value == 1;
        }
        if (template instanceof Record) {
            return rebuildRecord(template, path, tensors, used);
        }
        if (template instanceof List<?> list) {
            ImmutableList.Builder<Object> elements = ImmutableList.builder();
            for (int i = 0; i < list.size(); i++) {
                elements.add(unflatten(list.get(i), join(path, String.valueOf(i)), tensors,
                        used));
            }
            return elements.build();
        }
        throw new IllegalArgumentException("state: cannot rebuild a "
                + template.getClass().getName() + " at " + shown(path));
    }

    private static Object rebuildRecord(Object template, String path,
            Map<String, Tensor> tensors, Set<String> used) {
        RecordComponent[] components = template.getClass().getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = unflatten(read(components[i], template, path),
                    join(path, components[i].getName()), tensors, used);
        }
        try {
            Constructor<?> constructor = template.getClass().getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("state: the stored values do not make a valid "
                    + template.getClass().getSimpleName() + " at " + shown(path) + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("state: cannot construct a "
                    + template.getClass().getName() + " at " + shown(path) + ": " + e, e);
        }
    }

    private static Tensor take(Map<String, Tensor> tensors, String path, Shape shape,
            Tensor template, Set<String> used) {
        Tensor tensor = tensors.get(path);
        checkArgument(tensor != null, "state: no entry %s", shown(path));
        checkArgument(tensor.shape().equals(shape),
                "state: %s has shape %s, but the template's is %s", shown(path), tensor.shape(),
                shape);
        checkArgument(tensor.dtype() == template.dtype(),
                "state: %s is %s, but the template's is %s", shown(path), tensor.dtype(),
                template.dtype());
        used.add(path);
        return tensor;
    }

    private static Tensor scalar(Map<String, Tensor> tensors, String path, DType dtype,
            Set<String> used) {
        Tensor tensor = tensors.get(path);
        checkArgument(tensor != null, "state: no entry %s", shown(path));
        checkArgument(tensor.rank() == 0, "state: %s should be a scalar (shape []), got shape %s",
                shown(path), tensor.shape());
        checkArgument(tensor.dtype() == dtype, "state: %s is %s, but an %s scalar is expected",
                shown(path), tensor.dtype(), dtype);
        used.add(path);
        return tensor;
    }

    private static Object read(RecordComponent component, Object record, String path) {
        try {
            var accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("state: cannot read " + component.getName()
                    + " of " + record.getClass().getName() + " at " + shown(path) + ": " + e, e);
        }
    }

    /** An int64 tensor of shape {@code []}. */
    private static Tensor longScalar(long value) {
        return Tensor.ofLongs(new long[] {value}, new int[0]);
    }

    private static void put(Map<String, Tensor> out, String path, Tensor tensor) {
        checkArgument(out.put(path, tensor) == null, "state: the path %s occurs twice",
                shown(path));
    }

    /**
     * The record types of {@code state}, nested ones in brackets: {@code ChainState[AdamState,
     * EmptyState]}; for messages.
     */
    static String describe(Object state) {
        List<String> inner = new ArrayList<>();
        if (state instanceof Record) {
            for (RecordComponent component : state.getClass().getRecordComponents()) {
                Object value = read(component, state, "");
                if (value instanceof Record || value instanceof List<?>) {
                    String described = describe(value);
                    if (!described.isEmpty()) {
                        inner.add(described);
                    }
                }
            }
            String name = state.getClass().getSimpleName();
            return inner.isEmpty() ? name : name + "[" + String.join(", ", inner) + "]";
        }
        if (state instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof Record || element instanceof List<?>) {
                    inner.add(describe(element));
                }
            }
        }
        return String.join(", ", inner);
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String shown(String path) {
        return path.isEmpty() ? "the top level" : path;
    }
}
