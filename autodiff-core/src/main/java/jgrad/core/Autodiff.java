package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Reverse-mode differentiation of functions of tensors, in the style of JAX's {@code grad},
 * {@code value_and_grad}, {@code vjp} and {@code jvp}.
 *
 * <p>Each call opens its own trace level, makes its inputs leaves of that level, runs {@code f}
 * (recording the graph as {@code f} runs: define-by-run), then walks the graph backwards. The
 * results are plain values, unless the call is nested inside another {@code Autodiff} call: then
 * they stay differentiable by the outer call (grad of grad), and the two levels never mix.
 *
 * <p>Work that {@code f} hands to other threads (a parallel stream, an executor) is recorded while
 * the call is open, as in PyTorch, and independent calls on different threads never interfere.
 * Nesting works on one thread: an operation that combines values being differentiated by calls
 * made on two different threads throws {@code IllegalStateException} (so an {@code Autodiff} call
 * inside a parallel stream inside {@code f} fails on the elements a worker thread runs, and works
 * on those the calling thread runs: keep nested calls off other threads). At most 63 calls may be
 * nested on one thread.
 *
 * <p>A function whose output does not depend on its input at all has zero gradients (as in JAX);
 * since that is almost always a slip, it is logged as a warning on the {@link System.Logger}
 * named {@code jgrad.core.Autodiff}. An output that depends on the input only through operations
 * that are not differentiable (a cast to an integer dtype, a comparison mask, argmax) also has
 * zero gradients; the warning then names those operations.
 *
 * <p>The gradients are not recorded by the tape of {@link Tensor#requiresGrad()} (as PyTorch's
 * {@code autograd.grad} without {@code create_graph}), so {@link Tensor#backward()} of a function
 * of them refuses to run; the value {@code f(x)} keeps its tape graph.
 *
 * <pre>{@code
 * jshell> Autodiff.grad(t -> t.tanh(), Tensor.scalar(0.5))      // 1 - tanh(0.5)^2
 * $1 ==> tensor(0.7864477329659274, dtype=float64)
 * jshell> Autodiff.grad(x -> Autodiff.grad(t -> t.mul(t).mul(t), x), Tensor.scalar(2))  // 6x
 * $2 ==> tensor(12.0, dtype=float64)
 * }</pre>
 */
public final class Autodiff {

    private static final System.Logger LOGGER = System.getLogger(Autodiff.class.getName());

    private Autodiff() {}

    /**
     * The gradient of a scalar function: {@code df/dx}, of {@code x}'s shape.
     *
     * @throws IllegalArgumentException if {@code f} does not return a scalar (shape {@code []})
     */
    public static Tensor grad(Function<Tensor, Tensor> f, Tensor x) {
        return valueAndGrad(f, x).grad();
    }

    /**
     * The gradient of a scalar function of parameters: a {@code Params} with the same paths.
     *
     * @throws IllegalArgumentException if {@code f} does not return a scalar (shape {@code []})
     */
    public static Params grad(Function<Params, Tensor> f, Params params) {
        return valueAndGrad(f, params).grad();
    }

    /**
     * {@code f(x)} and its gradient, from one forward and one backward pass.
     *
     * @throws IllegalArgumentException if {@code f} does not return a scalar (shape {@code []})
     */
    public static ValueAndGrad<Tensor> valueAndGrad(Function<Tensor, Tensor> f, Tensor x) {
        Vjp<Tensor> vjp = vjp(f, x);
        checkScalar(vjp.output());
        return new ValueAndGrad<>(vjp.output(), vjp.pullback().apply(vjp.output().onesLike()));
    }

    /**
     * {@code f(params)} and its gradient, from one forward and one backward pass.
     *
     * @throws IllegalArgumentException if {@code f} does not return a scalar (shape {@code []})
     */
    public static ValueAndGrad<Params> valueAndGrad(Function<Params, Tensor> f, Params params) {
        Vjp<Params> vjp = vjp(f, params);
        checkScalar(vjp.output());
        return new ValueAndGrad<>(vjp.output(), vjp.pullback().apply(vjp.output().onesLike()));
    }

    /**
     * {@code f(x)} and its pullback {@code u -> u^T J}, for outputs of any shape.
     *
     * @throws IllegalArgumentException (from the pullback) if {@code u}'s shape or dtype is not
     *     the output's
     */
    public static Vjp<Tensor> vjp(Function<Tensor, Tensor> f, Tensor x) {
        checkNotNull(f, "autodiff: f is null");
        checkNotNull(x, "autodiff: x is null");
        Traced traced = trace(List.of(x), leaves -> f.apply(leaves.get(0)));
        return new Vjp<>(keepLive(traced.output), u -> traced.pullback(u).get(0));
    }

    /** {@code f(params)} and its pullback {@code u -> u^T J}, returning {@code Params}. */
    public static Vjp<Params> vjp(Function<Params, Tensor> f, Params params) {
        checkNotNull(f, "autodiff: f is null");
        checkNotNull(params, "autodiff: params is null");
        List<String> paths = params.paths().asList();
        Traced traced = trace(params.asMap().values().asList(), leaves -> {
            ImmutableMap.Builder<String, Tensor> builder = ImmutableMap.builder();
            for (int i = 0; i < paths.size(); i++) {
                builder.put(paths.get(i), leaves.get(i));
            }
            return f.apply(Params.copyOf(builder.buildOrThrow()));
        });
        return new Vjp<>(keepLive(traced.output), u -> {
            List<Tensor> grads = traced.pullback(u);
            ImmutableMap.Builder<String, Tensor> builder = ImmutableMap.builder();
            for (int i = 0; i < paths.size(); i++) {
                builder.put(paths.get(i), grads.get(i));
            }
            return Params.copyOf(builder.buildOrThrow());
        });
    }

    /** {@code f(xs)} and its pullback, one cotangent per argument. */
    private static Vjp<ImmutableList<Tensor>> vjpOfList(Function<List<Tensor>, Tensor> f,
            List<Tensor> xs) {
        Traced traced = trace(List.copyOf(xs), leaves -> f.apply(leaves));
        return new Vjp<>(keepLive(traced.output), u -> ImmutableList.copyOf(traced.pullback(u)));
    }

    /**
     * The forward-mode derivative of {@code f} at the point {@code x} in the direction {@code
     * tangent} (JAX's {@code jax.jvp(f, (x,), (tangent,))}, PyTorch's {@code torch.func.jvp}).
     *
     * <p>Inputs: the primal {@code x}, the point where {@code f} is evaluated, and the tangent
     * {@code t}, an input direction of the same shape and dtype as {@code x}. Outputs ({@link
     * Jvp}): {@code output()} is the primal output {@code y = f(x)}, and {@code tangent()} is the
     * output tangent {@code J t}, the directional derivative {@code d/de f(x + e t)} at {@code e =
     * 0}, where {@code J} is the Jacobian of {@code f} at {@code x}: element {@code i} of {@code J
     * t} is {@code sum_j (d y_i / d x_j) t_j}. Shapes: {@code x} and {@code t} any shape, equal;
     * {@code y} any shape (not only a scalar); {@code J t} has {@code y}'s shape and dtype. For a
     * scalar {@code x} and {@code t = 1} it is {@code f'(x)}.
     *
     * <pre>{@code
     * jshell> Autodiff.jvp(v -> v.square(), Tensor.of(1, 2, 3), Tensor.of(1, 0, 0)).tangent()
     * $1 ==> tensor([2., 0., 0.], dtype=float64)                 // 2 x * t, elementwise
     * }</pre>
     *
     * <p>Method: the (linear) pullback is transposed with a second reverse pass, {@code J t = d/du
     * <u^T J, t>}, so the cost is about two reverse passes. When {@code f} uses a {@link
     * CustomOp} that declares its own jvp, tangents are instead carried forward node by node and
     * that jvp is used for it.
     *
     * @throws IllegalArgumentException if {@code tangent}'s shape or dtype differs from {@code
     *     x}'s, {@code x} is an integer tensor, or {@code f} returns an integer tensor
     * @throws NullPointerException if {@code f}, {@code x} or {@code tangent} is null, or {@code f}
     *     returns null
     */
    public static Jvp jvp(Function<Tensor, Tensor> f, Tensor x, Tensor tangent) {
        checkNotNull(x, "jvp: x is null");
        checkNotNull(tangent, "jvp: tangent is null");
        checkArgument(tangent.shape().equals(x.shape()),
                "jvp: tangent shape %s differs from x shape %s", tangent.shape(), x.shape());
        checkArgument(tangent.dtype() == x.dtype(),
                "jvp: tangent dtype %s differs from x dtype %s", tangent.dtype(), x.dtype());
        checkNotNull(f, "autodiff: f is null");
        Traced traced = trace(List.of(x), leaves -> f.apply(leaves.get(0)));
        Tensor custom = Forward.tangent(traced.output, traced.leaves, List.of(tangent),
                traced.level);
        if (custom != null) {
            return new Jvp(keepLive(traced.output), lower(custom));
        }
        // The pullback is linear in u, so any point works; ones keep strong zeros out of the way.
        Tensor jt = grad(u -> traced.pullback(u).get(0).mul(tangent).sum(),
                traced.output.stopGradient().onesLike());
        return new Jvp(keepLive(traced.output), jt);
    }

    /**
     * The gradients of a scalar function of several tensors, one per argument, in order (JAX's
     * {@code grad(f, argnums=(0, 1, ...))}).
     *
     * <pre>{@code
     * jshell> Autodiff.grad(xs -> xs.get(0).mul(xs.get(1)).sum(), List.of(a, b))   // [b, a]
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code f} does not return a scalar
     */
    public static ImmutableList<Tensor> grad(Function<List<Tensor>, Tensor> f, List<Tensor> xs) {
        checkNotNull(f, "autodiff: f is null");
        checkNotNull(xs, "autodiff: xs is null");
        for (int i = 0; i < xs.size(); i++) {
            checkNotNull(xs.get(i), "autodiff: argument %s is null", i);
        }
        Vjp<ImmutableList<Tensor>> vjp = vjpOfList(f, xs);
        checkScalar(vjp.output());
        return vjp.pullback().apply(vjp.output().onesLike());
    }

    /** The gradients of a scalar function of two tensors: {@code [df/dx, df/dy]}. */
    public static ImmutableList<Tensor> grad(BiFunction<Tensor, Tensor, Tensor> f, Tensor x,
            Tensor y) {
        checkNotNull(f, "autodiff: f is null");
        return grad(xs -> f.apply(xs.get(0), xs.get(1)), List.of(x, y));
    }

    /**
     * {@code f(x)}'s value, its gradient, and the auxiliary value {@code f} returns beside it
     * (JAX's {@code value_and_grad(f, has_aux=True)}).
     *
     * @throws IllegalArgumentException if the value is not a scalar
     */
    public static <A> ValueGradAux<Tensor, A> valueAndGradWithAux(
            Function<Tensor, WithAux<A>> f, Tensor x) {
        checkNotNull(f, "autodiff: f is null");
        AtomicReference<A> aux = new AtomicReference<>();
        ValueAndGrad<Tensor> result = valueAndGrad(t -> unpack(f.apply(t), aux), x);
        return new ValueGradAux<>(result.value(), result.grad(), plain(aux.get()));
    }

    /**
     * {@code f(params)}'s value, its gradient, and the auxiliary value {@code f} returns beside
     * it, such as a training step's logits.
     *
     * @throws IllegalArgumentException if the value is not a scalar
     */
    public static <A> ValueGradAux<Params, A> valueAndGradWithAux(
            Function<Params, WithAux<A>> f, Params params) {
        checkNotNull(f, "autodiff: f is null");
        AtomicReference<A> aux = new AtomicReference<>();
        ValueAndGrad<Params> result = valueAndGrad(p -> unpack(f.apply(p), aux), params);
        return new ValueGradAux<>(result.value(), result.grad(), plain(aux.get()));
    }

    private static <A> Tensor unpack(WithAux<A> result, AtomicReference<A> aux) {
        checkNotNull(result, "autodiff: f returned null");
        aux.set(result.aux());
        return result.value();
    }

    /** An auxiliary value without graphs where it is a tensor or parameters. */
    @SuppressWarnings("unchecked")
    private static <A> A plain(A aux) {
        if (aux instanceof Tensor) {
            return (A) lower((Tensor) aux);
        }
        if (aux instanceof Params) {
            return (A) ((Params) aux).map(Autodiff::lower);
        }
        return aux;
    }

    /**
     * The Jacobian of {@code f} at {@code x} by reverse mode (JAX's {@code jacrev}): one pullback
     * per output element. Shapes: {@code f(x)}'s shape followed by {@code x}'s shape, so a
     * function {@code [m] -> [n]} has an {@code [n, m]} Jacobian.
     */
    public static Tensor jacobian(Function<Tensor, Tensor> f, Tensor x) {
        Vjp<Tensor> vjp = vjp(f, x);
        Tensor y = vjp.output();
        List<Tensor> rows = new ArrayList<>(y.size());
        for (int i = 0; i < y.size(); i++) {
            rows.add(vjp.pullback().apply(basis(y, i)));
        }
        return Creation.stack(rows, y.shape(), x.shape(), x.dtype());
    }

    /**
     * The Jacobian of {@code f} at {@code x} by forward mode (JAX's {@code jacfwd}): one
     * Jacobian-vector product per input element, cheaper than {@link #jacobian} when {@code x}
     * has fewer elements than {@code f(x)}. Shapes: as {@link #jacobian}.
     */
    public static Tensor jacobianForward(Function<Tensor, Tensor> f, Tensor x) {
        Vjp<Tensor> vjp = vjp(f, x);
        Tensor y = vjp.output();
        List<Tensor> columns = new ArrayList<>(x.size());
        for (int j = 0; j < x.size(); j++) {
            Tensor tangent = basis(x, j);
            columns.add(grad(u -> vjp.pullback().apply(u).mul(tangent).sum(), y.onesLike()));
        }
        Tensor stacked = Creation.stack(columns, x.shape(), y.shape(), y.dtype());
        int[] order = new int[stacked.rank()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i < y.rank() ? x.rank() + i : i - y.rank();
        }
        return stacked.permute(order);
    }

    /**
     * The Hessian of a scalar function, the Jacobian of its gradient. Shapes: {@code x}'s shape
     * twice.
     *
     * @throws IllegalArgumentException if {@code f} does not return a scalar
     */
    public static Tensor hessian(Function<Tensor, Tensor> f, Tensor x) {
        return jacobian(t -> grad(f, t), x);
    }

    /**
     * The Hessian-vector product {@code H v} of a scalar function, without forming {@code H}: the
     * gradient of {@code <grad f(x), v>} (reverse over reverse, two passes). Shapes: {@code x}'s.
     *
     * @throws IllegalArgumentException if {@code v}'s shape differs from {@code x}'s
     */
    public static Tensor hvp(Function<Tensor, Tensor> f, Tensor x, Tensor v) {
        checkNotNull(v, "hvp: v is null");
        checkArgument(v.shape().equals(x.shape()),
                "hvp: v shape %s differs from x shape %s", v.shape(), x.shape());
        return grad(t -> grad(f, t).mul(v).sum(), x);
    }

    /**
     * The forward-mode derivative of {@code f} at {@code params} in the direction {@code
     * tangents}: {@link #jvp(Function, Tensor, Tensor)} for a function of several named tensors.
     *
     * <p>Inputs: the primal {@code params} and {@code tangents}, a {@code Params} with the same
     * paths, each tangent of its parameter's shape. Outputs ({@link Jvp}): {@code output()} is
     * {@code y = f(params)}, any shape, and {@code tangent()} is {@code sum over paths p of J_p
     * t_p}, the directional derivative {@code d/de f(params + e tangents)} at {@code e = 0}, of
     * {@code y}'s shape ({@code J_p} is the Jacobian of {@code y} with respect to parameter
     * {@code p}). Method: the pullback transposed, as for a tensor.
     *
     * @throws IllegalArgumentException if the tangents' paths, shapes or dtypes differ from the
     *     params', or {@code f} returns an integer tensor
     */
    public static Jvp jvp(Function<Params, Tensor> f, Params params, Params tangents) {
        checkNotNull(tangents, "jvp: tangents is null");
        checkArgument(params.paths().equals(tangents.paths()),
                "jvp: tangent paths %s differ from params paths %s",
                tangents.paths(), params.paths());
        params.zipWith(tangents, (p, t) -> p); // checks the shapes, naming a path that differs
        for (String path : params.paths()) {
            checkArgument(tangents.get(path).dtype() == params.get(path).dtype(),
                    "jvp: tangent dtype %s differs from params dtype %s at %s",
                    tangents.get(path).dtype(), params.get(path).dtype(), path);
        }
        Vjp<Params> vjp = vjp(f, params);
        Tensor jt = grad(u -> {
            Params pulled = vjp.pullback().apply(u);
            Tensor total = null;
            for (String path : pulled.paths()) {
                Tensor term = pulled.get(path).mul(tangents.get(path)).sum();
                total = total == null ? term : total.add(term);
            }
            return total == null ? u.sum().mul(0.0) : total;
        }, vjp.output().onesLike());
        return new Jvp(vjp.output(), jt);
    }

    /**
     * Runs {@code body} with anomaly detection on for this thread; an {@link AnomalyException}
     * names the operation, the line of user code that created it (and, in the backward pass, the
     * operation whose vjp was running), the input shapes and their value ranges. It is thrown:
     *
     * <ul>
     *   <li>in the forward pass, by the first operation that produces NaN or an infinity from
     *       finite inputs;
     *   <li>in the backward pass, by the first vjp that produces NaN from values without NaN
     *       (finite ones, or an infinite cotangent the pass made, whose origin is named too), or
     *       by a sum of infinite cotangents of opposite signs;
     *   <li>when a gradient the backward pass returns holds an infinity the pass made from finite
     *       values, naming the vjp that made it first.
     * </ul>
     *
     * <p>An infinity of the backward pass that a later selection drops is legitimate and passes:
     * in {@code x.relu().sqrt()} sqrt's derivative is infinite at the zeros relu made, and relu's
     * vjp drops the cotangent there. (PyTorch's anomaly mode checks the backward pass for NaN
     * only; jgrad also reports infinite gradients, with their origin.) Values that are already
     * non-finite (in the data, in a constant) are propagated, not reported. Off by default; {@code
     * -Djgrad.anomaly=true} turns it on everywhere. Costs a scan of every result (and a stack
     * walk per recorded operation), so it is for finding a bug, not for training runs.
     */
    public static <T> T detectAnomaly(java.util.function.Supplier<T> body) {
        checkNotNull(body, "detectAnomaly: body is null");
        return Anomaly.scope(body);
    }

    /** Zeros of {@code like}'s shape and dtype with a 1 at flat index {@code i}. */
    private static Tensor basis(Tensor like, int i) {
        double[] values = new double[like.size()];
        values[i] = 1;
        return Tensor.of(values, like.shape(), like.dtype());
    }

    /**
     * Runs {@code body} without recording: tensors it computes carry no graph, even from inputs
     * being differentiated (PyTorch's {@code torch.no_grad()}; JAX needs none, its traces are
     * explicit). For optimiser arithmetic, evaluation passes and statistics that must not be
     * differentiated. {@code Autodiff} calls made inside still differentiate their own functions.
     *
     * <pre>{@code
     * jshell> Autodiff.noGrad(() -> model.apply(testFeatures))
     * }</pre>
     */
    public static <T> T noGrad(java.util.function.Supplier<T> body) {
        checkNotNull(body, "noGrad: body is null");
        return Trace.current().withoutRecording(body);
    }

    private static void checkScalar(Tensor output) {
        checkArgument(output.rank() == 0,
                "grad: f must return a scalar (shape []), got shape %s; use vjp for other shapes",
                output.shape());
    }

    /** Runs {@code f} on fresh leaves of a new level. */
    private static Traced trace(List<Tensor> inputs, Function<List<Tensor>, Tensor> f) {
        Trace trace = Trace.current();
        long level = trace.open();
        try {
            ImmutableList.Builder<Tensor> leaves = ImmutableList.builder();
            for (Tensor input : inputs) {
                leaves.add(input.asLeaf(level));
            }
            ImmutableList<Tensor> leafList = leaves.build();
            Tensor output = checkNotNull(f.apply(leafList), "autodiff: f returned null");
            Node node = output.node();
            checkArgument(inputs.isEmpty() || output.dtype().isFloatingPoint(),
                    "autodiff: f's output has dtype %s; integer results are not differentiable"
                            + " (return a float tensor)", output.dtype());
            if (!inputs.isEmpty() && (node == null || (node.levels & level) == 0)
                    && level == 1L) {
                // Legal (the gradient is zero, as in JAX) but almost always a slip, such as
                // calling the model instead of model.withParams(p) inside f. Only at the
                // outermost call: nested ones (Hessians of linear functions) are legitimately 0.
                Cut cut = output.cut();
                if (cut != null && cut.dependsOn(trace, level)) {
                    LOGGER.log(System.Logger.Level.WARNING, "autodiff: f's output depends on its"
                            + " input only through operations that are not differentiable ("
                            + String.join(", ", cut.ops()) + "), so every gradient is zero");
                } else {
                    LOGGER.log(System.Logger.Level.WARNING, "autodiff: f's output does not depend"
                            + " on its input, so every gradient is zero; does f use the tensor or"
                            + " the Params it is given (for a model: model.withParams(p))?");
                }
            }
            return new Traced(output, leafList, level);
        } finally {
            trace.close(level);
        }
    }

    /**
     * The output {@code f(x)} keeps its graph while any active level, the tape included, can still
     * differentiate it (a function of a {@code requiresGrad()} leaf stays one), and is plain
     * otherwise.
     */
    private static Tensor keepLive(Tensor output) {
        Node node = output.node();
        return node == null || Trace.liveLevels(node) || Trace.current().liveTape(node)
                ? output : output.stopGradient();
    }

    /**
     * Strips the graph from a gradient that no enclosing {@code Autodiff} level can differentiate:
     * results are plain values unless the call is nested. The tape level does not count, as
     * PyTorch's {@code autograd.grad} returns plain tensors unless asked to build a graph.
     */
    private static Tensor lower(Tensor tensor) {
        Node node = tensor.node();
        return node == null || Trace.liveLevels(node) ? tensor : tensor.stopGradient();
    }

    /** A traced output with the leaves it was computed from. */
    private record Traced(Tensor output, ImmutableList<Tensor> leaves, long level) {
        List<Tensor> pullback(Tensor cotangent) {
            checkArgument(cotangent.shape().equals(output.shape()),
                    "vjp: cotangent shape %s differs from output shape %s",
                    cotangent.shape(), output.shape());
            checkArgument(cotangent.dtype() == output.dtype(),
                    "vjp: cotangent dtype %s differs from output dtype %s",
                    cotangent.dtype(), output.dtype());
            NodeIndex targets = new NodeIndex(leaves.size());
            for (Tensor leaf : leaves) {
                targets.put(leaf.node().id, 0);
            }
            Map<Tensor, Tensor> reached = Backward.sweep(
                    output, cotangent, node -> targets.contains(node.id), level);
            ImmutableList.Builder<Tensor> grads = ImmutableList.builder();
            for (Tensor leaf : leaves) {
                Tensor grad = reached.get(leaf);
                grads.add(grad == null ? leaf.stopGradient().zerosLike() : lower(grad));
            }
            return grads.build();
        }
    }
}
