package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * An operation a user declares with its forward computation and its vector-Jacobian product, as
 * PyTorch's {@code torch.autograd.Function} and JAX's {@code custom_vjp} do: the one open entry of
 * the otherwise closed derivatives table ({@link Primitive} permits it, and it is {@code
 * non-sealed}). jgrad differentiates through it with the user's rule instead of tracing the
 * forward computation.
 *
 * <p>{@link #forward} receives plain values (no graph) and may use any {@link Tensor} operation;
 * nothing it does is recorded. {@link #vjp} returns one cotangent per input, of that input's
 * shape; written with {@code Tensor} operations it is itself differentiable, so grad of grad goes
 * through the op. An optional {@link #jvp} gives the forward-mode rule; without it, forward mode
 * transposes the vjp, as for jgrad's own primitives.
 *
 * <pre>{@code
 * jshell> CustomOp softplus = CustomOp.unary("stableSoftplus",
 *    ...>     x -> x.relu().add(x.abs().neg().exp().log1p()),       // log(1 + e^x), no overflow
 *    ...>     (g, x, y) -> g.mul(x.sigmoid()));                       // d/dx = sigmoid(x)
 * jshell> Autodiff.grad(t -> softplus.apply(t).sum(), Tensor.of(-1000, 0, 1000))
 * $2 ==> tensor([0. , 0.5, 1. ], dtype=float64)
 * }</pre>
 *
 * <p>Implement the interface directly for an op with static parameters (a record, as jgrad's own
 * primitives are), or use the factories {@link #unary} and {@link #of}.
 */
public non-sealed interface CustomOp extends Primitive {

    /** The operation's name, used in graphs and error messages (a method-like name). */
    String name();

    /**
     * The output, from plain (untraced) inputs. Any {@link Tensor} operation may be used; none is
     * recorded.
     */
    @Override
    Tensor forward(List<Tensor> inputs);

    /**
     * One cotangent per input, each of that input's shape and dtype; {@code output} is the forward
     * result. Inputs that are not being differentiated may get any value of the right shape (zeros
     * are customary).
     */
    @Override
    ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output);

    /**
     * The Jacobian-vector product {@code J t} for one tangent per input, or null when the op has
     * no forward-mode rule of its own (forward mode then transposes {@link #vjp}). The default has
     * none.
     */
    default Tensor jvp(List<Tensor> inputs, List<Tensor> tangents, Tensor output) {
        return null;
    }

    /**
     * Applies the operation: runs {@link #forward} on plain values and, when an input is being
     * differentiated, records this op with them, so that {@link #vjp} runs in the backward pass.
     *
     * @throws IllegalArgumentException if {@code forward} returns a tensor of an integer dtype for
     *     inputs being differentiated, or an input is null
     */
    default Tensor apply(Tensor... inputs) {
        return Tensor.apply(this, inputs);
    }

    /**
     * Not used: a custom op's output shape is the shape its forward computation returns.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    default Shape outputShape(List<Shape> inputShapes) {
        throw new UnsupportedOperationException(name() + ": a custom op's shape is its output's");
    }

    /** Custom ops take the dtypes their forward accepts; the output's is whatever it returns. */
    @Override
    default DType outputDtype(List<DType> inputDtypes) {
        throw new UnsupportedOperationException(name() + ": a custom op's dtype is its output's");
    }

    /**
     * This op with a declared domain (interval, poles, kinks) that gradient checks respect; ops
     * made by {@link #unary} and {@link #of} return a copy, others override {@link #domain()}.
     *
     * @throws UnsupportedOperationException if this op is not made by the factories
     */
    default CustomOp withDomain(Domain domain) {
        throw new UnsupportedOperationException(name() + ": override domain() to declare one");
    }

    /** The vjp of a unary op: {@code (cotangent, x, y) -> dx}. */
    @FunctionalInterface
    interface UnaryVjp {
        Tensor apply(Tensor cotangent, Tensor x, Tensor y);
    }

    /** The vjp of an op of several inputs: one cotangent per input. */
    @FunctionalInterface
    interface Vjp {
        List<Tensor> apply(Tensor cotangent, List<Tensor> inputs, Tensor output);
    }

    /**
     * A custom op of one input.
     *
     * @param name a method-like name for graphs and errors
     * @param forward {@code x -> y}, on plain values
     * @param vjp {@code (cotangent, x, y) -> dx}, of {@code x}'s shape
     * @throws NullPointerException if an argument is null
     */
    static CustomOp unary(String name, UnaryOperator<Tensor> forward, UnaryVjp vjp) {
        checkNotNull(forward, "customOp: forward is null");
        checkNotNull(vjp, "customOp: vjp is null");
        return new FunctionOp(name, inputs -> forward.apply(inputs.get(0)),
                (g, inputs, y) -> List.of(vjp.apply(g, inputs.get(0), y)), 1);
    }

    /**
     * A custom op of any number of inputs.
     *
     * @param name a method-like name for graphs and errors
     * @param arity the number of inputs it takes
     * @param forward {@code inputs -> y}, on plain values
     * @param vjp {@code (cotangent, inputs, y) -> one cotangent per input}
     * @throws NullPointerException if an argument is null
     */
    static CustomOp of(String name, int arity, Function<List<Tensor>, Tensor> forward, Vjp vjp) {
        checkNotNull(forward, "customOp: forward is null");
        checkNotNull(vjp, "customOp: vjp is null");
        return new FunctionOp(name, forward, vjp, arity);
    }

    /** A custom op made of functions, by {@link #unary} and {@link #of}. */
    final class FunctionOp implements CustomOp {
        private final String name;
        private final Function<List<Tensor>, Tensor> forward;
        private final Vjp vjp;
        private final int arity;
        private final Domain domain;

        FunctionOp(String name, Function<List<Tensor>, Tensor> forward, Vjp vjp, int arity) {
            this(name, forward, vjp, arity, Domain.REALS);
        }

        private FunctionOp(String name, Function<List<Tensor>, Tensor> forward, Vjp vjp,
                int arity, Domain domain) {
            checkNotNull(name, "customOp: name is null");
            checkArgument(!name.isBlank(), "customOp: name is blank");
            checkArgument(arity >= 1, "customOp %s: arity must be at least 1, got %s",
                    name, arity);
            this.name = name;
            this.forward = forward;
            this.vjp = vjp;
            this.arity = arity;
            this.domain = checkNotNull(domain, "customOp %s: domain is null", name);
        }

        @Override
        public Domain domain() {
            return domain;
        }

        @Override
        public CustomOp withDomain(Domain domain) {
            return new FunctionOp(name, forward, vjp, arity, domain);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Tensor forward(List<Tensor> inputs) {
            checkArgument(inputs.size() == arity, "%s: takes %s inputs, got %s",
                    name, arity, inputs.size());
            return forward.apply(inputs);
        }

        @Override
        public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
            List<Tensor> cotangents = vjp.apply(cotangent, inputs, output);
            checkNotNull(cotangents, "%s: vjp returned null", name);
            return ImmutableList.copyOf(cotangents);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Shown in error messages that list the inputs of a custom op. */
    static String describe(List<Tensor> inputs) {
        return Arrays.toString(inputs.stream().map(t -> t.shape() + " " + t.dtype()).toArray());
    }
}
