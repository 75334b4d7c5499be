package jgrad.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import jgrad.core.Params;
import jgrad.core.Tensor;

/**
 * A residual block, {@code y = body(x) + shortcut(x)} (He, Zhang, Ren &amp; Sun, "Deep Residual
 * Learning for Image Recognition", CVPR 2016, eq. 1 and, with a projection, eq. 2): the shortcut
 * is the {@link Identity} or a projection (a {@link Linear}, or a 1×1 convolution) where the
 * body changes the shape.
 *
 * <p>Shapes: {@code body(x)} and {@code shortcut(x)} must have the same shape (no silent
 * broadcasting), which is the output's. Parameter and state paths: {@code "body."} and {@code
 * "shortcut."} followed by the sublayer's own ({@code "body.0.weight"}). {@link #forward} passes
 * the mode to both and gathers their states.
 *
 * <p>Composite: {@code body.apply(x).add(shortcut.apply(x))}, no vjp of its own.
 *
 * <pre>{@code
 * jshell> var block = Residual.of(Sequential.of(Linear.init(rng, 8, 8), Activation.RELU,
 *    ...>         Linear.init(rng, 8, 8)));
 * }</pre>
 *
 * @param body     the residual function {@code f}
 * @param shortcut the identity or a projection
 */
public record Residual(Layer body, Layer shortcut) implements Layer {

    /** @throws NullPointerException if a layer is null */
    public Residual {
        checkNotNull(body, "residual: body is null");
        checkNotNull(shortcut, "residual: shortcut is null");
    }

    /** {@code x + body(x)}: the identity shortcut. */
    public static Residual of(Layer body) {
        return new Residual(body, new Identity());
    }

    /** {@code projection(x) + body(x)}. */
    public static Residual of(Layer body, Layer projection) {
        return new Residual(body, projection);
    }

    /**
     * {@code body(x) + shortcut(x)}, in evaluation mode.
     *
     * @throws IllegalArgumentException if the two outputs' shapes differ, naming both
     */
    @Override
    public Tensor apply(Tensor input) {
        checkNotNull(input, "residual: input is null");
        return sum(body.apply(input), shortcut.apply(input), input);
    }

    /**
     * {@code body(x) + shortcut(x)} in {@code mode} (body first, then shortcut), with both
     * states.
     *
     * @throws IllegalArgumentException if the two outputs' shapes differ, naming both
     */
    @Override
    public Forward forward(Tensor input, Mode mode) {
        checkNotNull(input, "residual: input is null");
        checkNotNull(mode, "residual: mode is null");
        Forward main = body.forward(input, mode);
        Forward skip = shortcut.forward(input, mode);
        return new Forward(sum(main.output(), skip.output(), input),
                Params.concat(ImmutableMap.of("body", main.state(), "shortcut", skip.state())));
    }

    private static Tensor sum(Tensor main, Tensor skip, Tensor input) {
        checkArgument(main.shape().equals(skip.shape()), "residual: body output %s and shortcut"
                + " output %s differ for input %s; give the shortcut a projection to the body's"
                + " shape", main.shape(), skip.shape(), input.shape());
        return main.add(skip);
    }

    /** {@code body.*} then {@code shortcut.*}. */
    @Override
    public Params params() {
        return Params.concat(ImmutableMap.of("body", body.params(), "shortcut",
                shortcut.params()));
    }

    /**
     * The block with {@code params} split between body and shortcut.
     *
     * @throws IllegalArgumentException if paths or shapes differ from {@link #params()}
     */
    @Override
    public Residual withParams(Params params) {
        ParamsChecks.checkMatches("residual", params(), params);
        return new Residual(body.withParams(params.scope("body")),
                shortcut.withParams(params.scope("shortcut")));
    }

    /** {@code body.*} then {@code shortcut.*}. */
    @Override
    public Params state() {
        return Params.concat(ImmutableMap.of("body", body.state(), "shortcut", shortcut.state()));
    }

    /**
     * The block with {@code state} split between body and shortcut.
     *
     * @throws IllegalArgumentException if paths or shapes differ from {@link #state()}
     */
    @Override
    public Residual withState(Params state) {
        ParamsChecks.checkMatches("residual", "withState", state(), state);
        return new Residual(body.withState(state.scope("body")),
                shortcut.withState(state.scope("shortcut")));
    }

    /** {@code Residual(body=..., shortcut=...)}, nested as PyTorch prints modules. */
    @Override
    public String toString() {
        return "Residual(\n  (body): " + indent(body.toString()) + "\n  (shortcut): "
                + indent(shortcut.toString()) + "\n)";
    }

    static String indent(String text) {
        return text.replace("\n", "\n  ");
    }
}
