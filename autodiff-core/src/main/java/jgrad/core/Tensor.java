package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * An immutable n-dimensional array of numbers with a {@link Shape} and a {@link DType}, stored in
 * row-major order. Every operation returns a new tensor; none changes this one.
 *
 * <p>While a tensor is being differentiated (inside an {@link Autodiff} call, or after {@link
 * #requiresGrad()}), each operation on it records its primitive and inputs in the result: the
 * define-by-run graph. Outside those, nothing is recorded.
 *
 * <p>Binary operations broadcast their operands by NumPy's rules and require equal dtypes.
 * Equality is identity; compare contents with {@link #allClose(Tensor, double, double)}.
 *
 * <pre>{@code
 * jshell> Tensor.of(new double[][] {{1, 2}, {3, 4}}).mul(Tensor.of(10, 100)).sum(0, false)
 * $1 ==> tensor([ 40., 600.], dtype=float64)
 * }</pre>
 */
public final class Tensor {

    private final Shape shape;
    private final DType dtype;
    /** {@code double[]}, {@code float[]}, {@code int[]} or {@code long[]} by dtype; never written. */
    private final Object storage;
    private final Node node;
    /**
     * Whether this is a cotangent whose exact zeros are "strong" (see {@link StrongZeros}): they
     * come from a selection in the backward pass and contribute nothing, even against an infinite
     * or NaN local derivative. False for every value a user makes.
     */
    private final boolean strongZeros;
    /**
     * For an untraced value computed from values being differentiated: the operations that
     * dropped their trace (see {@link Cut}); else null.
     */
    private final Cut cut;

    /** Takes ownership of {@code storage}, the array type that holds {@code dtype}. */
    Tensor(Shape shape, DType dtype, Object storage, Node node) {
        this(shape, dtype, storage, node, false);
    }

    private Tensor(Shape shape, DType dtype, Object storage, Node node, boolean strongZeros) {
        this(shape, dtype, storage, node, strongZeros, null);
    }

    private Tensor(Shape shape, DType dtype, Object storage, Node node, boolean strongZeros,
            Cut cut) {
        assert Storage.holds(storage, dtype) && Storage.length(storage) == shape.size()
                : dtype + " " + shape + " in " + storage.getClass().getSimpleName();
        this.shape = shape;
        this.dtype = dtype;
        this.storage = storage;
        this.node = node;
        this.strongZeros = strongZeros;
        this.cut = cut;
    }

    // ---------------------------------------------------------------- creation

    /** A rank-0 float64 tensor holding {@code value}. */
    public static Tensor scalar(double value) {
        return scalar(value, DType.FLOAT64);
    }

    /**
     * A rank-0 tensor holding {@code value} rounded to {@code dtype}.
     *
     * @throws IllegalArgumentException if {@code dtype} is an integer dtype and {@code value} is
     *     not a whole number in its range
     */
    public static Tensor scalar(double value, DType dtype) {
        return Kernels.result(Shape.scalar(), checkNotNull(dtype, "scalar: dtype is null"),
                Storage.fromDoubles(new double[] {value}, dtype, "scalar"));
    }

    /** A 1-D float64 tensor of the given values. Shapes: {@code [values.length]}. */
    public static Tensor of(double... values) {
        return of(values, values.length);
    }

    /**
     * A 2-D float64 tensor of the given rows. Shapes: {@code [rows.length, rows[0].length]}.
     *
     * @throws IllegalArgumentException if the rows differ in length or there are none
     */
    public static Tensor of(double[][] rows) {
        checkArgument(rows.length > 0, "of: no rows; use Tensor.zeros(0, n) for an empty matrix");
        int columns = rows[0].length;
        double[] values = new double[rows.length * columns];
        for (int i = 0; i < rows.length; i++) {
            checkArgument(rows[i].length == columns,
                    "of: row %s has %s values, row 0 has %s", i, rows[i].length, columns);
            System.arraycopy(rows[i], 0, values, i * columns, columns);
        }
        return of(values, rows.length, columns);
    }

    /**
     * A float64 tensor of {@code shape} holding a copy of {@code values} in row-major order.
     *
     * @throws IllegalArgumentException if the number of values differs from the shape's size
     */
    public static Tensor of(double[] values, int... shape) {
        return of(values, Shape.of(shape), DType.FLOAT64);
    }

    /**
     * A tensor of {@code shape} and {@code dtype} holding a copy of {@code values} (row-major),
     * rounded to the dtype.
     *
     * @throws IllegalArgumentException if the number of values differs from the shape's size, or
     *     a value is not a whole number in the range of an integer {@code dtype}
     */
    public static Tensor of(double[] values, Shape shape, DType dtype) {
        checkSize(values.length, shape);
        return Kernels.result(shape, checkNotNull(dtype, "of: dtype is null"),
                Storage.fromDoubles(values.clone(), dtype, "of"));
    }

    /** A 1-D float32 tensor of the given values. Shapes: {@code [values.length]}. */
    public static Tensor ofFloats(float... values) {
        return ofFloats(values, values.length);
    }

    /**
     * A float32 tensor of {@code shape} holding a copy of {@code values} in row-major order.
     *
     * @throws IllegalArgumentException if the number of values differs from the shape's size
     */
    public static Tensor ofFloats(float[] values, int... shape) {
        Shape s = Shape.of(shape);
        checkSize(values.length, s);
        return Kernels.result(s, DType.FLOAT32, values.clone());
    }

    /** A 1-D int32 tensor (labels, indices) of the given values. Shapes: {@code [n]}. */
    public static Tensor ofInts(int... values) {
        return ofInts(values, values.length);
    }

    /**
     * An int32 tensor of {@code shape} holding a copy of {@code values} in row-major order.
     *
     * @throws IllegalArgumentException if the number of values differs from the shape's size
     */
    public static Tensor ofInts(int[] values, int... shape) {
        Shape s = Shape.of(shape);
        checkSize(values.length, s);
        return Kernels.result(s, DType.INT32, values.clone());
    }

    /** A 1-D int64 tensor of the given values. Shapes: {@code [n]}. */
    public static Tensor ofLongs(long... values) {
        return ofLongs(values, values.length);
    }

    /**
     * An int64 tensor of {@code shape} holding a copy of {@code values} in row-major order.
     *
     * @throws IllegalArgumentException if the number of values differs from the shape's size
     */
    public static Tensor ofLongs(long[] values, int... shape) {
        Shape s = Shape.of(shape);
        checkSize(values.length, s);
        return Kernels.result(s, DType.INT64, values.clone());
    }

    private static void checkSize(int length, Shape shape) {
        checkArgument(length == shape.size(), "of: %s values do not fill shape %s (%s elements)",
                length, shape, shape.size());
    }

    /** A float64 tensor of zeros. */
    public static Tensor zeros(int... shape) {
        return full(0.0, Shape.of(shape), DType.FLOAT64);
    }

    /** A float64 tensor of ones. */
    public static Tensor ones(int... shape) {
        return full(1.0, Shape.of(shape), DType.FLOAT64);
    }

    /** A float64 tensor with every element equal to {@code value}. */
    public static Tensor full(double value, int... shape) {
        return full(value, Shape.of(shape), DType.FLOAT64);
    }

    /**
     * A tensor of {@code shape} and {@code dtype} with every element equal to {@code value}.
     *
     * @throws IllegalArgumentException if {@code dtype} is an integer dtype and {@code value} is
     *     not a whole number in its range
     */
    public static Tensor full(double value, Shape shape, DType dtype) {
        checkNotNull(shape, "full: shape is null");
        return Kernels.result(shape, checkNotNull(dtype, "full: dtype is null"),
                Storage.filled(dtype, shape.size(), value, "full"));
    }

    /** {@code [0, 1, ..., n - 1]} as float64. Shapes: {@code [n]}. */
    public static Tensor arange(int n) {
        return arange(0, n, 1);
    }

    /**
     * {@code start, start + step, ...} up to but excluding {@code stop}, as float64 (NumPy's
     * {@code arange}). Shapes: {@code [ceil((stop - start) / step)]}.
     *
     * @throws IllegalArgumentException if {@code step} is 0 or not finite
     */
    public static Tensor arange(double start, double stop, double step) {
        return Creation.arange(start, stop, step);
    }

    /** Independent draws from the standard normal distribution, float64. */
    public static Tensor randn(Shape shape, RandomGenerator rng) {
        return Creation.randn(shape, rng);
    }

    /**
     * Independent draws from the uniform distribution on {@code [low, high)}, float64.
     *
     * @throws IllegalArgumentException unless {@code low < high}, both finite
     */
    public static Tensor uniform(Shape shape, double low, double high, RandomGenerator rng) {
        return Creation.uniform(shape, low, high, rng);
    }

    /**
     * One-hot rows for integer class labels: row {@code i} is 1 at column {@code labels[i]}, 0
     * elsewhere. Shapes: {@code labels [n]} -> {@code [n, numClasses]}, float64.
     *
     * @throws IllegalArgumentException if a label is outside {@code 0..numClasses-1}, naming it
     */
    public static Tensor oneHot(ImmutableIntArray labels, int numClasses) {
        return Creation.oneHot(labels, numClasses);
    }

    /** Zeros of {@code shape} and {@code dtype}. */
    public static Tensor zeros(Shape shape, DType dtype) {
        return full(0.0, shape, dtype);
    }

    /** Ones of {@code shape} and {@code dtype}. */
    public static Tensor ones(Shape shape, DType dtype) {
        return full(1.0, shape, dtype);
    }

    /** The {@code n x n} identity matrix, float64. Shapes: {@code [n, n]}. */
    public static Tensor eye(int n) {
        return eye(n, DType.FLOAT64);
    }

    /**
     * The {@code n x n} identity matrix of {@code dtype}. Shapes: {@code [n, n]}.
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public static Tensor eye(int n, DType dtype) {
        return Creation.eye(n, dtype);
    }

    /**
     * {@code num} evenly spaced values from {@code start} to {@code stop}, both included (NumPy's
     * {@code linspace}; value {@code i} is {@code start + i * (stop - start) / (num - 1)}, the last
     * exactly {@code stop}), float64. Shapes: {@code [num]}.
     *
     * @throws IllegalArgumentException if {@code num} is negative or an end is not finite
     */
    public static Tensor linspace(double start, double stop, int num) {
        return Creation.linspace(start, stop, num, DType.FLOAT64);
    }

    /** {@link #linspace(double, double, int)} in {@code dtype} (a float dtype). */
    public static Tensor linspace(double start, double stop, int num, DType dtype) {
        return Creation.linspace(start, stop, num, dtype);
    }

    /**
     * {@link #arange(double, double, double)} in {@code dtype}: an integer dtype needs whole
     * numbers ({@code Tensor.arange(0, 10, 1, DType.INT32)} for indices).
     *
     * @throws IllegalArgumentException as {@link #arange(double, double, double)}, or if a value is
     *     not a whole number that an integer {@code dtype} holds
     */
    public static Tensor arange(double start, double stop, double step, DType dtype) {
        return Creation.arange(start, stop, step).cast(checkNotNull(dtype, "arange: dtype is null"), "arange");
    }

    /** Independent standard normal draws of {@code dtype} (a float dtype). */
    public static Tensor randn(Shape shape, DType dtype, RandomGenerator rng) {
        return Creation.randn(shape, rng).cast(checkNotNull(dtype, "randn: dtype is null"), "randn");
    }

    /** Independent uniform draws on {@code [low, high)} of {@code dtype} (a float dtype). */
    public static Tensor uniform(Shape shape, double low, double high, DType dtype,
            RandomGenerator rng) {
        return Creation.uniform(shape, low, high, rng).cast(checkNotNull(dtype, "uniform: dtype is null"),
                "uniform");
    }

    /**
     * Independent Bernoulli draws: 1 with probability {@code p}, else 0, of {@code dtype} (a
     * mask for dropout, or 0/1 data).
     *
     * @throws IllegalArgumentException unless {@code 0 <= p <= 1}
     */
    public static Tensor bernoulli(Shape shape, double p, DType dtype, RandomGenerator rng) {
        return Creation.bernoulli(shape, p, dtype, rng);
    }

    /** A tensor of this tensor's shape and dtype with every element {@code value} (untraced). */
    public Tensor fullLike(double value) {
        return full(value, shape, dtype);
    }

    /** Standard normal draws of this tensor's shape and (float) dtype. */
    public Tensor randnLike(RandomGenerator rng) {
        return randn(shape, dtype, rng);
    }

    /** Uniform draws on {@code [low, high)} of this tensor's shape and (float) dtype. */
    public Tensor uniformLike(double low, double high, RandomGenerator rng) {
        return uniform(shape, low, high, dtype, rng);
    }

    /** Zeros of this tensor's shape and dtype (untraced). */
    public Tensor zerosLike() {
        return full(0.0, shape, dtype);
    }

    /** Ones of this tensor's shape and dtype (untraced). */
    public Tensor onesLike() {
        return full(1.0, shape, dtype);
    }

    // ---------------------------------------------------------------- inspection

    public Shape shape() {
        return shape;
    }

    public DType dtype() {
        return dtype;
    }

    public int rank() {
        return shape.rank();
    }

    /** The number of elements. */
    public int size() {
        return shape.size();
    }

    /**
     * The single value of a one-element tensor (any rank, any dtype), as a {@code double}. Exact
     * for float32, float64 and int32; an int64 value beyond {@code 2^53} in magnitude rounds to
     * the nearest double ({@code 2^53 + 1} gives {@code 2^53}): use {@link #itemLong()} for
     * integer tensors.
     *
     * @throws IllegalStateException if the tensor has more or fewer than one element
     */
    public double item() {
        checkOneElement("item");
        return Storage.get(storage, 0);
    }

    /**
     * The single value of a one-element int32 or int64 tensor (any rank), exactly, as a {@code
     * long} (PyTorch's {@code item()} returns a Python int for integer tensors).
     *
     * <pre>{@code
     * jshell> Tensor.ofLongs((1L << 53) + 1).itemLong()
     * $1 ==> 9007199254740993
     * }</pre>
     *
     * @throws IllegalStateException if the tensor has more or fewer than one element, or its
     *     dtype is float32 or float64 (use {@link #item()})
     */
    public long itemLong() {
        checkOneElement("itemLong");
        checkState(dtype.isInteger(),
                "itemLong: tensor has dtype %s; use item() for floating-point tensors", dtype);
        return storage instanceof int[] ? ((int[]) storage)[0] : ((long[]) storage)[0];
    }

    private void checkOneElement(String op) {
        if (shape.size() != 1) {
            throw new IllegalStateException(op + ": tensor of shape " + shape + " has "
                    + shape.size() + " elements, not 1");
        }
    }

    /**
     * The element at {@code index}, one coordinate per axis, as a {@code double} (int64 values
     * beyond {@code 2^53} round, as in {@link #item()}; {@code toLongArray()} is exact).
     *
     * @throws IllegalArgumentException if the number of coordinates is not the rank
     * @throws IndexOutOfBoundsException if a coordinate is out of range
     */
    public double get(int... index) {
        checkArgument(index.length == rank(),
                "get: %s coordinates for a tensor of rank %s", index.length, rank());
        int[] strides = shape.strides();
        int offset = 0;
        for (int d = 0; d < index.length; d++) {
            offset += strides[d] * checkElementIndex(index[d], shape.dim(d), "index on axis " + d);
        }
        return Storage.get(storage, offset);
    }

    /**
     * A copy of the values in row-major order, as float64 (exact for every dtype but int64
     * values beyond 2^53, which round to nearest).
     */
    public double[] toArray() {
        return Storage.toDoubles(storage);
    }

    /**
     * A copy of the values of a float32 tensor in row-major order.
     *
     * @throws IllegalStateException if the dtype is not float32 (cast first)
     */
    public float[] toFloatArray() {
        checkState(dtype == DType.FLOAT32,
                "toFloatArray: tensor has dtype %s; cast(DType.FLOAT32) first", dtype);
        return ((float[]) storage).clone();
    }

    /**
     * A copy of the values of an int32 tensor in row-major order.
     *
     * @throws IllegalStateException if the dtype is not int32 (cast first)
     */
    public int[] toIntArray() {
        checkState(dtype == DType.INT32,
                "toIntArray: tensor has dtype %s; cast(DType.INT32) first", dtype);
        return ((int[]) storage).clone();
    }

    /**
     * A copy of the values of an int64 tensor in row-major order.
     *
     * @throws IllegalStateException if the dtype is not int64 (cast first)
     */
    public long[] toLongArray() {
        checkState(dtype == DType.INT64,
                "toLongArray: tensor has dtype %s; cast(DType.INT64) first", dtype);
        return ((long[]) storage).clone();
    }

    /** Whether this tensor carries a graph node (it depends on a value being differentiated). */
    public boolean isTraced() {
        return node != null;
    }

    /**
     * Whether every element is within {@code atol + rtol * |other|} of {@code other}'s (NumPy's
     * {@code allclose}); NaNs compare unequal. Unlike NumPy it does not broadcast: tensors of
     * different shapes are not close ({@code false}), so a shape slip cannot pass a comparison.
     */
    public boolean allClose(Tensor other, double rtol, double atol) {
        if (!shape.equals(other.shape)) {
            return false;
        }
        for (int i = 0; i < shape.size(); i++) {
            if (!isClose(Storage.get(storage, i), Storage.get(other.storage, i), rtol, atol)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code actual} is within {@code atol + rtol * |reference|} of {@code reference}
     * (NumPy's {@code isclose}). Infinities are close only to themselves, NaN to nothing.
     */
    public static boolean isClose(double actual, double reference, double rtol, double atol) {
        if (actual == reference) {
            return true;
        }
        return Double.isFinite(actual) && Double.isFinite(reference)
                && Math.abs(actual - reference) <= atol + rtol * Math.abs(reference);
    }

    // ---------------------------------------------------------------- elementwise

    /** {@code this + other}, broadcast. Shapes: broadcast of both. */
    public Tensor add(Tensor other) {
        checkBinary("add", this, other);
        return apply(new Add(), this, other);
    }

    public Tensor add(double value) {
        return add(scalar(value, dtype));
    }

    /** {@code this - other}, broadcast. Composite: {@code add(other.neg())}. */
    public Tensor sub(Tensor other) {
        checkSameDtype("sub", this, other);
        Shape.broadcast(shape, other.shape, "sub"); // so a mismatch is reported as sub's
        return add(other.neg());
    }

    public Tensor sub(double value) {
        return sub(scalar(value, dtype));
    }

    /** {@code this * other}, broadcast. Shapes: broadcast of both. */
    public Tensor mul(Tensor other) {
        checkBinary("mul", this, other);
        return apply(new Mul(), this, other);
    }

    public Tensor mul(double value) {
        return mul(scalar(value, dtype));
    }

    /** {@code this / other}, broadcast, correctly rounded. Shapes: broadcast of both. */
    public Tensor div(Tensor other) {
        checkBinary("div", this, other);
        return apply(new Div(), this, other);
    }

    public Tensor div(double value) {
        return div(scalar(value, dtype));
    }

    /** {@code -this}. */
    public Tensor neg() {
        return apply(new Neg(), this);
    }

    /** {@code 1 / this}. */
    public Tensor recip() {
        return apply(new Recip(), this);
    }

    /** {@code this * this}. Composite: no vjp of its own. */
    public Tensor square() {
        return apply(new Mul(), this, this);
    }

    /** {@code e^this}. */
    public Tensor exp() {
        return apply(new Exp(), this);
    }

    /** Natural logarithm. */
    public Tensor log() {
        return apply(new Log(), this);
    }

    /**
     * {@code ln(1 + x)}, accurate for small {@code |x|} where {@code log(add(1))} is not.
     * Shapes: same as this tensor. A primitive ({@link Log1p}) for numerical stability.
     */
    public Tensor log1p() {
        return apply(new Log1p(), this);
    }

    /** Square root; its derivative at 0 is {@code +Inf}. */
    public Tensor sqrt() {
        return apply(new Sqrt(), this);
    }

    /** Hyperbolic tangent. */
    public Tensor tanh() {
        return apply(new Tanh(), this);
    }

    /** Logistic sigmoid {@code 1 / (1 + e^-x)}, stable for large {@code |x|}. */
    public Tensor sigmoid() {
        return apply(new Sigmoid(), this);
    }

    /**
     * Softplus, {@code ln(1 + e^x)}, a smooth relu whose derivative is {@code sigmoid(x)}. Shapes:
     * same as this tensor.
     *
     * <p>Composite: no vjp of its own. Computed as {@code x + log1p(e^-x)} for {@code x > 0} and
     * {@code log1p(e^x)} otherwise, selected by {@link #where} around the exponential, so {@code
     * e^t} is only ever taken of {@code t <= 0}: nothing overflows, not even in a discarded
     * branch (softplus(1000) = 1000, where the naive form gives Inf), {@code log1p} keeps full
     * relative precision in the left tail, and the derivative is {@code sigmoid(x)}: 0.5 at 0,
     * exactly 1 at 1000 and exactly 0 at -1000.
     */
    public Tensor softplus() {
        return ActivationOps.softplus(this);
    }

    /**
     * Rectified linear unit, {@code max(x, 0)}; NaN stays NaN. Shapes: same as this tensor. A
     * primitive ({@link Relu}, for speed); subgradient at 0 is 0 (relu'(0) = 0, as in PyTorch).
     */
    public Tensor relu() {
        return apply(new Relu(), this);
    }

    /**
     * Absolute value {@code |x|}. Composite: {@code x * sign(x)} with the sign as a constant, so
     * the subgradient at 0 is 0 (abs'(0) = 0, as in PyTorch). NaN stays NaN.
     */
    public Tensor abs() {
        return ActivationOps.abs(this);
    }

    /**
     * Elementwise power {@code this^exponent}, broadcast. Shapes: broadcast of both. A primitive
     * ({@link Pow}); see it for the gradient conventions at base 0 ({@code d/db = 0} at {@code a =
     * 0, b >= 0}; {@code d/da} at {@code a = 0} is 0 for {@code b > 1} or {@code b = 0}, 1 for
     * {@code b = 1}, {@code +Inf} for {@code 0 < b < 1}).
     *
     * @throws IllegalArgumentException if the shapes do not broadcast or the dtypes differ
     */
    public Tensor pow(Tensor exponent) {
        checkBinary("pow", this, exponent);
        return apply(new Pow(), this, exponent);
    }

    /** Elementwise power {@code this^exponent} with a constant exponent. Shapes: same as this. */
    public Tensor pow(double exponent) {
        return pow(scalar(exponent, dtype));
    }

    /** A cast of freshly made float64 values that names the factory when a value does not fit. */
    private Tensor cast(DType dtype, String op) {
        if (dtype.isInteger()) {
            return of(toArray(), shape, dtype); // checks whole numbers, naming "of"
        }
        return cast(dtype);
    }

    /** Converts to {@code dtype}, rounding to nearest; returns this tensor if already of it. */
    public Tensor cast(DType dtype) {
        checkNotNull(dtype, "cast: dtype is null");
        return dtype == this.dtype ? this : apply(new Cast(dtype), this);
    }

    // ---------------------------------------------------------------- elementwise math

    /**
     * The sign, {@code -1}, {@code 0} or {@code 1} ({@code sign(-0.0) = 0}); NaN stays NaN, as in
     * NumPy (PyTorch 1.13 gives 0). Shapes: same as this tensor. All dtypes.
     *
     * <p>Composite of masks: its derivative is 0 everywhere, 0 at 0 included (sign'(x) = 0).
     */
    public Tensor sign() {
        return MathOps.sign(this);
    }

    /**
     * {@code e^x - 1}, accurate for small {@code |x|} where {@code exp().sub(1)} cancels (case
     * N22). Shapes: same as this tensor. A primitive ({@link Expm1}) for numerical stability.
     */
    public Tensor expm1() {
        return apply(new Expm1(), this);
    }

    /**
     * The reciprocal square root {@code 1 / sqrt(x)}; {@code +Inf} at 0, NaN below. Shapes: same
     * as this tensor.
     *
     * <p>Composite: {@code sqrt(x).recip()}, two roundings (within 1.5 ulps). Its derivative
     * {@code -x^(-3/2) / 2} is {@code -Inf} at 0, as in PyTorch.
     */
    public Tensor rsqrt() {
        return MathOps.rsqrt(this);
    }

    /** Sine of radians. Shapes: same as this tensor. A primitive ({@link Sin}). */
    public Tensor sin() {
        return apply(new Sin(), this);
    }

    /** Cosine of radians. Shapes: same as this tensor. A primitive ({@link Cos}). */
    public Tensor cos() {
        return apply(new Cos(), this);
    }

    /**
     * Tangent of radians. Shapes: same as this tensor.
     *
     * <p>Composite: {@code sin(x) / cos(x)} (within two ulps; the derivative {@code 1 + tan^2}
     * comes from the quotient rule).
     */
    public Tensor tan() {
        return MathOps.tan(this);
    }

    /**
     * Arcsine in radians, in {@code [-pi/2, pi/2]}; NaN outside {@code [-1, 1]}. Shapes: same as
     * this tensor. A primitive ({@link Asin}); the derivative {@code 1 / sqrt(1 - x^2)} is {@code
     * +Inf} at {@code +-1}, as in PyTorch.
     */
    public Tensor asin() {
        return apply(new Asin(), this);
    }

    /**
     * Arccosine in radians, in {@code [0, pi]}; NaN outside {@code [-1, 1]}. Shapes: same as this
     * tensor. A primitive ({@link Acos}); the derivative {@code -1 / sqrt(1 - x^2)} is {@code
     * -Inf} at {@code +-1}, as in PyTorch.
     */
    public Tensor acos() {
        return apply(new Acos(), this);
    }

    /**
     * Arctangent in radians, in {@code [-pi/2, pi/2]}. Shapes: same as this tensor.
     *
     * <p>Composite: {@code atan2(x, 1)}; the derivative is {@code 1 / (1 + x^2)}.
     */
    public Tensor atan() {
        return MathOps.atan(this);
    }

    /**
     * The four-quadrant arctangent {@code atan2(this, other)}: the angle in {@code [-pi, pi]} of
     * the point {@code (other, this)}, as NumPy's {@code arctan2} and PyTorch's {@code atan2}.
     * Shapes: broadcast of both. A primitive ({@link Atan2}); its gradient at {@code (0, 0)} is
     * NaN, as in PyTorch.
     *
     * @throws IllegalArgumentException if the shapes do not broadcast or the dtypes differ
     */
    public Tensor atan2(Tensor other) {
        checkBinary("atan2", this, other);
        return apply(new Atan2(), this, other);
    }

    /** Hyperbolic sine. Shapes: same as this tensor. A primitive ({@link Sinh}). */
    public Tensor sinh() {
        return apply(new Sinh(), this);
    }

    /** Hyperbolic cosine. Shapes: same as this tensor. A primitive ({@link Cosh}). */
    public Tensor cosh() {
        return apply(new Cosh(), this);
    }

    /**
     * The error function {@code erf(x) = 2 / sqrt(pi) * integral_0^x e^(-t^2) dt}, in {@code [-1,
     * 1]}. Shapes: same as this tensor. A primitive ({@link Erf}); within one ulp (fdlibm's
     * method).
     */
    public Tensor erf() {
        return apply(new Erf(), this);
    }

    /**
     * The complementary error function {@code erfc(x) = 1 - erf(x)}, accurate where erf is near 1.
     * Shapes: same as this tensor. A primitive ({@link Erfc}) for numerical stability.
     */
    public Tensor erfc() {
        return apply(new Erfc(), this);
    }

    /**
     * The elementwise larger of this and {@code other}, broadcast; NaN if either is NaN. Shapes:
     * broadcast of both. All dtypes. A primitive ({@link Maximum}).
     *
     * <p>Gradient: the cotangent goes to the larger operand; on a tie {@code a == b} each gets
     * half ({@code maximum(x, x)} has gradient 1 in total, as PyTorch's {@code maximum}); where
     * either operand is NaN both get the whole cotangent (PyTorch 1.13's rule). Each operand's
     * part is summed to its own shape when it was broadcast.
     *
     * @throws IllegalArgumentException if the shapes do not broadcast or the dtypes differ
     */
    public Tensor maximum(Tensor other) {
        checkBinary("maximum", this, other);
        return apply(new Maximum(), this, other);
    }

    /**
     * The elementwise smaller of this and {@code other}, broadcast; NaN if either is NaN. Shapes:
     * broadcast of both. All dtypes. A primitive ({@link Minimum}).
     *
     * <p>Gradient: the cotangent goes to the smaller operand; on a tie {@code a == b} each gets
     * half (as PyTorch's {@code minimum}); where either operand is NaN both get the whole
     * cotangent (PyTorch 1.13's rule). Each operand's part is summed to its own shape when it was
     * broadcast.
     *
     * @throws IllegalArgumentException if the shapes do not broadcast or the dtypes differ
     */
    public Tensor minimum(Tensor other) {
        checkBinary("minimum", this, other);
        return apply(new Minimum(), this, other);
    }

    /**
     * Clamps each element into {@code [min, max]}: {@code min(max(x, min), max)}, so {@code min >
     * max} gives {@code max} everywhere (PyTorch's {@code clamp}). Shapes: same as this tensor. All
     * dtypes; the bounds are rounded to this tensor's dtype.
     *
     * <p>Composite of {@link Maximum}, {@link Minimum} (on values without a graph) and {@link
     * Where}. The gradient is PyTorch's: 1 where {@code min <= x <= max}, bounds included, and 0
     * outside and at NaN.
     *
     * @throws IllegalArgumentException if this tensor is an integer tensor and a bound is not a
     *     whole number in its range
     */
    public Tensor clamp(double min, double max) {
        return MathOps.clamp(this, scalar(min, dtype), scalar(max, dtype));
    }

    /**
     * Clamps each element into {@code [min, max]} with tensor bounds, all three broadcast:
     * {@code min(max(x, min), max)} (PyTorch's {@code clamp(x, min, max)}). Shapes: broadcast of
     * the three. All dtypes.
     *
     * <p>Composite. Gradients as PyTorch 1.13: {@code x} gets the cotangent where {@code min <= x
     * <= max} (bounds included); {@code min} where {@code x < min < max}; {@code max} where {@code
     * x > max} or {@code max < min}; where the result is NaN, nothing gets it. (For {@code min ==
     * max} and {@code x < min}, PyTorch sends it nowhere; here it goes to {@code min}, whose value
     * the result is.)
     *
     * @throws IllegalArgumentException if the shapes do not broadcast or the dtypes differ,
     *     naming clamp
     */
    public Tensor clamp(Tensor min, Tensor max) {
        checkBinary("clamp", this, min);
        checkBinary("clamp", this, max);
        Shape.broadcast(Shape.broadcast(shape, min.shape, "clamp"), max.shape, "clamp");
        return MathOps.clamp(this, min, max);
    }

    /**
     * {@code max(x, min)} elementwise (PyTorch's {@code clamp_min}); the gradient is 1 where
     * {@code x >= min}. Shapes: same as this tensor. All dtypes.
     */
    public Tensor clampMin(double min) {
        return MathOps.clamp(this, scalar(min, dtype), null);
    }

    /**
     * {@code max(x, min)} elementwise with a tensor bound, broadcast; {@code x} gets the gradient
     * where {@code x >= min}, {@code min} where {@code x < min} (PyTorch's {@code clamp_min}).
     *
     * @throws IllegalArgumentException if the shapes do not broadcast or the dtypes differ
     */
    public Tensor clampMin(Tensor min) {
        checkBinary("clampMin", this, min);
        return MathOps.clamp(this, min, null);
    }

    /**
     * {@code min(x, max)} elementwise (PyTorch's {@code clamp_max}); the gradient is 1 where
     * {@code x <= max}. Shapes: same as this tensor. All dtypes.
     */
    public Tensor clampMax(double max) {
        return MathOps.clamp(this, null, scalar(max, dtype));
    }

    /**
     * {@code min(x, max)} elementwise with a tensor bound, broadcast; {@code x} gets the gradient
     * where {@code x <= max}, {@code max} where {@code x > max} (PyTorch's {@code clamp_max}).
     *
     * @throws IllegalArgumentException if the shapes do not broadcast or the dtypes differ
     */
    public Tensor clampMax(Tensor max) {
        checkBinary("clampMax", this, max);
        return MathOps.clamp(this, null, max);
    }

    // ---------------------------------------------------------------- activations

    /**
     * Leaky relu, {@code x > 0 ? x : negativeSlope * x} (Maas et al., 2013; PyTorch's {@code
     * leaky_relu}, whose default slope is 0.01). Shapes: same as this tensor.
     *
     * <p>Composite of {@link Where}; the derivative at 0 is {@code negativeSlope}, as in PyTorch.
     */
    public Tensor leakyRelu(double negativeSlope) {
        return ActivationOps.leakyRelu(this, negativeSlope);
    }

    /** ELU with {@code alpha = 1}; see {@link #elu(double)}. */
    public Tensor elu() {
        return elu(1.0);
    }

    /**
     * Exponential linear unit, {@code x > 0 ? x : alpha * (e^x - 1)} (Clevert et al., 2016).
     * Shapes: same as this tensor.
     *
     * <p>Composite of {@link Where} and {@link Expm1} (accurate for small negative {@code x}):
     * {@code where(x > 0, x, alpha * expm1(where(x > 0, 0, x)))}, so the exponential never sees a
     * positive input: large {@code x} (800) gives {@code x} with gradient 1 and no infinity in
     * the unselected branch (quiet under {@link Autodiff#detectAnomaly}). The
     * derivative at 0 is {@code alpha}, as in PyTorch.
     */
    public Tensor elu(double alpha) {
        return ActivationOps.elu(this, alpha);
    }

    /**
     * GELU, exact form: {@code x * Phi(x) = x / 2 * (1 + erf(x / sqrt(2)))} with {@code Phi} the
     * standard normal distribution function (Hendrycks & Gimpel, 2016; PyTorch's {@code gelu}).
     * Shapes: same as this tensor.
     *
     * <p>Composite: computed as {@code x / 2 * erfc(-x / sqrt(2))}, equal in exact arithmetic and
     * accurate in the left tail, where {@code 1 + erf} cancels (at {@code x = -10}: {@code
     * -7.6e-23}, where PyTorch gives {@code -0.0}).
     */
    public Tensor gelu() {
        return ActivationOps.gelu(this);
    }

    /**
     * GELU, tanh approximation: {@code x / 2 * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 x^3)))}
     * (Hendrycks & Gimpel, 2016; PyTorch's {@code gelu(approximate='tanh')}). Shapes: same as this
     * tensor.
     *
     * <p>Composite: computed as {@code x * sigmoid(2 u)} with {@code u} the tanh argument, equal
     * in exact arithmetic ({@code (1 + tanh u) / 2 = sigmoid(2 u)}) and stable in the left tail.
     */
    public Tensor geluTanh() {
        return ActivationOps.geluTanh(this);
    }

    /**
     * SiLU (swish), {@code x * sigmoid(x)} (Elfwing et al., 2018; Ramachandran et al., 2017).
     * Shapes: same as this tensor. Composite.
     */
    public Tensor silu() {
        return ActivationOps.silu(this);
    }

    /**
     * Softsign, {@code x / (1 + |x|)}, in {@code (-1, 1)}. Shapes: same as this tensor.
     * Composite; smooth at 0 (derivative {@code 1 / (1 + |x|)^2}, 1 at 0).
     */
    public Tensor softsign() {
        return ActivationOps.softsign(this);
    }

    /** Hard tanh on {@code [-1, 1]}; see {@link #hardTanh(double, double)}. */
    public Tensor hardTanh() {
        return hardTanh(-1.0, 1.0);
    }

    /**
     * Hard tanh, {@code min(max(x, min), max)} (PyTorch's {@code hardtanh}). Shapes: same as this
     * tensor.
     *
     * <p>Composite. Unlike {@link #clamp(double, double)}, the gradient is PyTorch's hardtanh
     * rule: 1 strictly inside {@code (min, max)} and 0 at the bounds and outside (NaN keeps the
     * cotangent, as there).
     *
     * @throws IllegalArgumentException if {@code min > max}
     */
    public Tensor hardTanh(double min, double max) {
        checkArgument(min <= max, "hardTanh: min %s is greater than max %s", min, max);
        return MathOps.hardTanh(this, min, max);
    }

    // ---------------------------------------------------------------- selection

    /** Mask {@code this < other ? 1 : 0} (broadcast, never traced, NaN compares false). */
    public Tensor less(Tensor other) {
        checkBinary("less", this, other);
        return apply(new Less(), this, other);
    }

    /**
     * Mask {@code this < value}, in this tensor's dtype. An integer tensor compares exactly with
     * any value, whole or not ({@code ofInts(1, 2).greater(1.5)} is {@code [0, 1]}).
     */
    public Tensor less(double value) {
        return MathOps.holdsExactly(dtype, value) ? less(scalar(value, dtype))
                : MathOps.compareWithInexactScalar(this, MathOps.Comparison.LESS, value);
    }

    /** Mask {@code this > other ? 1 : 0} (broadcast, never traced, NaN compares false). */
    public Tensor greater(Tensor other) {
        checkBinary("greater", this, other);
        return apply(new Less(), other, this);
    }

    /**
     * Mask {@code this > value}, in this tensor's dtype. An integer tensor compares exactly with
     * any value, whole or not ({@code ofInts(1, 2).greater(1.5)} is {@code [0, 1]}).
     */
    public Tensor greater(double value) {
        return MathOps.holdsExactly(dtype, value) ? greater(scalar(value, dtype))
                : MathOps.compareWithInexactScalar(this, MathOps.Comparison.GREATER, value);
    }

    /** Mask {@code this == other ? 1 : 0} (broadcast, never traced, NaN compares false). */
    public Tensor equal(Tensor other) {
        checkBinary("equal", this, other);
        return apply(new Equal(), this, other);
    }

    /**
     * Mask {@code this == value}, in this tensor's dtype. An integer tensor compares exactly with
     * any value, whole or not ({@code ofInts(1, 2).greater(1.5)} is {@code [0, 1]}).
     */
    public Tensor equal(double value) {
        return MathOps.holdsExactly(dtype, value) ? equal(scalar(value, dtype))
                : MathOps.compareWithInexactScalar(this, MathOps.Comparison.EQUAL, value);
    }

    /**
     * Mask {@code this <= other ? 1 : 0} (broadcast, never traced, NaN compares false), in the
     * operands' dtype like every mask. Composite: {@code less + equal}.
     */
    public Tensor lessEqual(Tensor other) {
        checkBinary("lessEqual", this, other);
        return MathOps.lessEqual(this, other);
    }

    /**
     * Mask {@code this <= value}, in this tensor's dtype. An integer tensor compares exactly with
     * any value, whole or not ({@code ofInts(1, 2).greater(1.5)} is {@code [0, 1]}).
     */
    public Tensor lessEqual(double value) {
        return MathOps.holdsExactly(dtype, value) ? lessEqual(scalar(value, dtype))
                : MathOps.compareWithInexactScalar(this, MathOps.Comparison.LESS_EQUAL, value);
    }

    /**
     * Mask {@code this >= other ? 1 : 0} (broadcast, never traced, NaN compares false). Composite:
     * {@code greater + equal}.
     */
    public Tensor greaterEqual(Tensor other) {
        checkBinary("greaterEqual", this, other);
        return MathOps.greaterEqual(this, other);
    }

    /**
     * Mask {@code this >= value}, in this tensor's dtype. An integer tensor compares exactly with
     * any value, whole or not ({@code ofInts(1, 2).greater(1.5)} is {@code [0, 1]}).
     */
    public Tensor greaterEqual(double value) {
        return MathOps.holdsExactly(dtype, value) ? greaterEqual(scalar(value, dtype))
                : MathOps.compareWithInexactScalar(this, MathOps.Comparison.GREATER_EQUAL, value);
    }

    /**
     * Mask {@code this != other ? 1 : 0} (broadcast, never traced; NaN differs from everything,
     * itself included, as in IEEE 754). Composite: {@code 1 - equal}.
     */
    public Tensor notEqual(Tensor other) {
        checkBinary("notEqual", this, other);
        return MathOps.notEqual(this, other);
    }

    /**
     * Mask {@code this != value}, in this tensor's dtype. An integer tensor compares exactly with
     * any value, whole or not ({@code ofInts(1, 2).greater(1.5)} is {@code [0, 1]}).
     */
    public Tensor notEqual(double value) {
        return MathOps.holdsExactly(dtype, value) ? notEqual(scalar(value, dtype))
                : MathOps.compareWithInexactScalar(this, MathOps.Comparison.NOT_EQUAL, value);
    }

    /**
     * Logical and of two masks, broadcast: 1 where both are non-zero, else 0 (NumPy's {@code
     * logical_and}; NaN counts as true). Masks in jgrad are 0/1 tensors of the operands' dtype
     * (there is no boolean dtype); any non-zero value counts as true. Never traced.
     *
     * @throws IllegalArgumentException if the shapes do not broadcast or the dtypes differ
     */
    public Tensor logicalAnd(Tensor other) {
        checkBinary("logicalAnd", this, other);
        return MathOps.logicalAnd(this, other);
    }

    /**
     * Logical or of two masks, broadcast: 1 where either is non-zero, else 0 (NumPy's {@code
     * logical_or}; see {@link #logicalAnd} for masks). Never traced.
     *
     * @throws IllegalArgumentException if the shapes do not broadcast or the dtypes differ
     */
    public Tensor logicalOr(Tensor other) {
        checkBinary("logicalOr", this, other);
        return MathOps.logicalOr(this, other);
    }

    /** Logical not of a mask: 1 where this is 0, else 0 (NaN counts as true). Never traced. */
    public Tensor logicalNot() {
        return equal(0.0);
    }

    /** Mask of the NaN elements (all 0 for integer dtypes). Never traced. */
    public Tensor isNaN() {
        return MathOps.isNaN(this);
    }

    /** Mask of the finite elements, neither NaN nor infinite (all 1 for integers). Never traced. */
    public Tensor isFinite() {
        return MathOps.isFinite(this);
    }

    /**
     * Elementwise {@code mask != 0 ? a : b} (NumPy's, JAX's and PyTorch's {@code where}). Shapes:
     * {@code mask}, {@code a} and {@code b} broadcast together (NumPy rules) to the output's
     * shape. Dtypes: {@code a} and {@code b} alike, any; the output has theirs; the mask may have
     * any dtype and is read by its own values, so every non-zero value counts as true, NaN
     * included (IEEE 754: {@code NaN != 0}).
     *
     * <p>NaN. A mask made by a comparison with NaN ({@code x.greater(0)} at {@code x = NaN}) is 0,
     * since every comparison with NaN but {@link #notEqual} is false: such elements take {@code b}.
     * A NaN or infinity in the branch not selected never reaches the value.
     *
     * <p>Gradient: {@code da = where(mask, cotangent, 0)}, {@code db = where(mask, 0, cotangent)},
     * each summed to its operand's shape when broadcast; the mask gets none. The zeros of the
     * branch not selected are strong: they stay exactly 0 through the rest of the backward pass,
     * even where that branch's own derivative is infinite or NaN, so {@code where(x > 0, sqrt(x),
     * 0)} has gradient 0 (not NaN) at {@code x = -1} and {@code where(x > 0, log(x), x)} has
     * gradient 1 at {@code x = 0} (PyTorch gives NaN in such cases, pytorch issue #68425).
     *
     * @throws IllegalArgumentException if the shapes do not broadcast or the branches' dtypes
     *     differ
     * @throws NullPointerException if an argument is null
     */
    public static Tensor where(Tensor mask, Tensor a, Tensor b) {
        checkSameDtype("where", a, b);
        checkNotNull(mask, "where: mask is null");
        if (mask.dtype != a.dtype) {
            // Read the mask in its own dtype first: a cast alone would turn NaN and 0.5 into an
            // integer 0 and 1e-60 into a float32 0, all of which are true.
            mask = mask.notEqual(0.0).cast(a.dtype);
        }
        Shape shape = Shape.broadcast(
                Shape.broadcast(mask.shape, a.shape, "where"), b.shape, "where");
        return apply(new Where(),
                mask.broadcastTo(shape), a.broadcastTo(shape), b.broadcastTo(shape));
    }

    /**
     * The index of the largest element along {@code axis} (the first on ties; NaN counts as the
     * largest, as in NumPy), as int32; never traced. Shapes: this shape without {@code axis}.
     *
     * @throws IllegalArgumentException if the axis is out of range or empty
     */
    public Tensor argmax(int axis) {
        return ReductionOps.argExtremum(this, axis, true);
    }

    /**
     * The index of the smallest element along {@code axis} (the first on ties; NaN counts as the
     * smallest, as in NumPy), as int32; never traced. Shapes: this shape without {@code axis}.
     * All dtypes (int64 values beyond {@code 2^53} compare after rounding to float64).
     *
     * @throws IllegalArgumentException if the axis is out of range or empty
     */
    public Tensor argmin(int axis) {
        return ReductionOps.argExtremum(this, axis, false);
    }

    // ---------------------------------------------------------------- reductions

    /** The sum of all elements. Shapes: {@code []}. The sum of no elements is 0. */
    public Tensor sum() {
        return sum(ReductionOps.allAxes(shape), false);
    }

    /** The sum along {@code axis}, which is removed (PyTorch's {@code x.sum(axis)}). */
    public Tensor sum(int axis) {
        return sum(axis, false);
    }

    /** The sum along {@code axis}; {@code keepDims} keeps it with size 1. */
    public Tensor sum(int axis, boolean keepDims) {
        return sum(new int[] {axis}, keepDims);
    }

    /**
     * The sum along {@code axes} (negative ones count from the end); {@code keepDims} keeps them
     * with size 1. Shapes: this shape without {@code axes} (with them as 1 under {@code
     * keepDims}). The sum of no elements is 0. All dtypes (an int32 sum that does not fit is
     * refused).
     *
     * <p>An empty {@code axes} reduces nothing, as NumPy's and JAX's {@code axis=()}: the result
     * has this tensor's shape and values (whatever {@code keepDims}) and the gradient passes
     * through unchanged. PyTorch 1.13's {@code sum(dim=[])} reduces every axis instead (pytorch
     * issue #29137); for that, call {@link #sum()}. The same holds for every reduction that takes
     * {@code int[] axes} (mean, max, min, prod, var, std, logSumExp, norm, any, all).
     *
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public Tensor sum(int[] axes, boolean keepDims) {
        return ReductionOps.sum(this, axes, keepDims);
    }

    /** The mean of all elements; NaN for zero elements (as NumPy). Composite. */
    public Tensor mean() {
        return mean(ReductionOps.allAxes(shape), false);
    }

    /** The mean along {@code axis}, which is removed; NaN where it is empty. */
    public Tensor mean(int axis) {
        return mean(axis, false);
    }

    /** The mean along {@code axis}; NaN where the axis is empty. Composite. */
    public Tensor mean(int axis, boolean keepDims) {
        return mean(new int[] {axis}, keepDims);
    }

    /**
     * The mean along {@code axes}, {@code sum(axes) / n} with {@code n} the number of elements
     * reduced; NaN where they hold no elements. Float dtypes only. Composite. An empty {@code
     * axes} reduces nothing ({@code n = 1}; see {@link #sum(int[], boolean)}).
     *
     * @throws IllegalArgumentException if the dtype is an integer dtype, or an axis is out of
     *     range or repeated
     */
    public Tensor mean(int[] axes, boolean keepDims) {
        return ReductionOps.mean(this, axes, keepDims);
    }

    /**
     * The maximum of all elements. Shapes: {@code []}. Ties share the gradient equally; see
     * {@link #max(int[], boolean)}.
     *
     * @throws IllegalArgumentException if the tensor has no elements (max has no identity)
     */
    public Tensor max() {
        return max(ReductionOps.allAxes(shape), false);
    }

    /** The maximum along {@code axis}, which is removed; ties share the gradient. */
    public Tensor max(int axis) {
        return max(axis, false);
    }

    /** The maximum along {@code axis}; ties share the gradient equally. */
    public Tensor max(int axis, boolean keepDims) {
        return max(new int[] {axis}, keepDims);
    }

    /**
     * The maximum along {@code axes} (negative ones count from the end); {@code keepDims} keeps
     * them with size 1. Values only, as PyTorch's {@code amax} and JAX's {@code max}; for the index
     * use {@link #argmax(int)}. NaN propagates (a slice holding a NaN has maximum NaN). All
     * dtypes. A primitive ({@link ReduceMax}). An empty {@code axes} reduces nothing (see {@link
     * #sum(int[], boolean)}).
     *
     * <p>Gradient on ties: the cotangent of each output element is shared equally among the
     * elements of its slice equal to the maximum, {@code dx = where(x == y, cotangent / count,
     * 0)} with {@code count} the number of tied elements (so {@code max([0.6, 0.6, 0.3])} has
     * gradient {@code [0.5, 0.5, 0]}, case C10). This is PyTorch's rule for {@code amax} and for
     * {@code max()} over all elements, and JAX's; it is not PyTorch's {@code max(x, dim)}, which
     * returns indices too and gives the whole gradient to the one index it returns. Where the
     * maximum is NaN, the NaN elements share the cotangent. Every max in jgrad ({@link
     * #maxPool2d(MaxPoolOptions)}, the infinity norm) uses this rule.
     *
     * @throws IllegalArgumentException if an axis is out of range, repeated or of size 0 (max
     *     has no identity)
     */
    public Tensor max(int[] axes, boolean keepDims) {
        return ReductionOps.max(this, axes, keepDims);
    }

    /**
     * The minimum of all elements. Ties share the gradient equally; NaN propagates.
     *
     * @throws IllegalArgumentException if the tensor has no elements (min has no identity)
     */
    public Tensor min() {
        return min(ReductionOps.allAxes(shape), false);
    }

    /** The minimum along {@code axis}, which is removed; ties share the gradient. */
    public Tensor min(int axis) {
        return min(axis, false);
    }

    /** The minimum along {@code axis}; ties share the gradient equally. */
    public Tensor min(int axis, boolean keepDims) {
        return min(new int[] {axis}, keepDims);
    }

    /**
     * The minimum along {@code axes} (negative ones count from the end); {@code keepDims} keeps
     * them with size 1. Ties share the gradient equally, {@code dx = where(x == y, cotangent /
     * count, 0)}, the rule of {@link #max(int[], boolean)} (PyTorch's {@code amin}); NaN
     * propagates and the NaN elements share the gradient. All dtypes. A primitive ({@link
     * ReduceMin}). An empty {@code axes} reduces nothing (see {@link #sum(int[], boolean)}).
     *
     * @throws IllegalArgumentException if an axis is out of range, repeated or of size 0
     */
    public Tensor min(int[] axes, boolean keepDims) {
        return ReductionOps.min(this, axes, keepDims);
    }

    /** The product of all elements; the product of no elements is 1. */
    public Tensor prod() {
        return prod(ReductionOps.allAxes(shape), false);
    }

    /** The product along {@code axis}; {@code keepDims} keeps it with size 1. */
    public Tensor prod(int axis, boolean keepDims) {
        return prod(new int[] {axis}, keepDims);
    }

    /**
     * The product along {@code axes} (negative ones count from the end); the product of no
     * elements is 1. All dtypes (an int32 product that does not fit is refused; int64 wraps). A
     * primitive ({@link ReduceProd}) whose gradient is right with zeros in the input: with one
     * zero, the zero's gradient is the product of the others and the rest get 0; with several,
     * all get 0. An empty {@code axes} reduces nothing (see {@link #sum(int[], boolean)}).
     *
     * @throws IllegalArgumentException if an axis is out of range or repeated
     * @throws ArithmeticException if an int32 product does not fit in int32
     */
    public Tensor prod(int[] axes, boolean keepDims) {
        return ReductionOps.prod(this, axes, keepDims);
    }

    /** The variance of all elements, {@code mean((x - mean(x))^2)} (ddof 0). Shapes: {@code []}. */
    public Tensor var() {
        return var(ReductionOps.allAxes(shape), 0, false);
    }

    /**
     * The variance along {@code axes}, {@code sum((x - mean)^2) / (n - ddof)} with {@code n} the
     * number of elements reduced (NumPy's {@code var(axis, ddof)}; ddof 1 is the unbiased estimate,
     * PyTorch's default). Float dtypes only.
     *
     * <p>Composite, two passes (mean, then centred squares), which does not cancel as {@code
     * mean(x^2) - mean(x)^2} does. Gradient {@code 2 (x - mean) / (n - ddof)}. Where {@code ddof
     * >= n} no degree of freedom is left and the value and gradient are NaN (NumPy gives NaN for
     * {@code ddof == n} with zero spread and {@code +Inf} otherwise, dividing by {@code max(n -
     * ddof, 0)}; PyTorch likewise). An empty {@code axes} reduces nothing ({@code n = 1}: 0 with
     * ddof 0, NaN otherwise; see {@link #sum(int[], boolean)}).
     *
     * <pre>{@code
     * jshell> Tensor.of(1, 2, 4).var(new int[] {0}, 1, false)
     * $1 ==> tensor(2.3333333333333335, dtype=float64)
     * }</pre>
     *
     * @throws IllegalArgumentException if the dtype is an integer dtype, {@code ddof < 0}, or an
     *     axis is out of range or repeated
     */
    public Tensor var(int[] axes, int ddof, boolean keepDims) {
        return ReductionOps.var(this, axes, ddof, keepDims, "var");
    }

    /** The standard deviation of all elements (ddof 0). Shapes: {@code []}. */
    public Tensor std() {
        return std(ReductionOps.allAxes(shape), 0, false);
    }

    /**
     * The standard deviation along {@code axes}, {@code sqrt(var(axes, ddof))}; see {@link
     * #var(int[], int, boolean)}. Float dtypes only.
     *
     * <p>Composite. At zero spread (a constant slice) the value is 0 and the gradient is the
     * subgradient 0, as PyTorch's (PR #9238) and as the norm at the zero vector, never {@code 0 /
     * 0}; where {@code ddof >= n} both are NaN.
     *
     * @throws IllegalArgumentException as {@link #var(int[], int, boolean)}
     */
    public Tensor std(int[] axes, int ddof, boolean keepDims) {
        return ReductionOps.std(this, axes, ddof, keepDims);
    }

    /**
     * {@code log(sum(exp(x)))} over {@code axes}, computed as {@code m + log(sum(exp(x - m)))} with
     * {@code m} the max over them, so it neither overflows nor underflows; {@code -Inf} over no
     * elements. Composite; the shift goes through {@link #stopGradient()}. An empty {@code axes}
     * reduces nothing (see {@link #sum(int[], boolean)}).
     *
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public Tensor logSumExp(int[] axes, boolean keepDims) {
        return ActivationOps.logSumExp(this, axes, keepDims);
    }

    /** The p-norm of all elements; see {@link #norm(double, int[], boolean)}. */
    public Tensor norm(double p) {
        return norm(p, ReductionOps.allAxes(shape), false);
    }

    /**
     * The vector p-norm along {@code axes}, {@code (sum |x|^p)^(1/p)} for {@code p >= 1}, and
     * {@code max |x|} for {@code p = +Infinity} (PyTorch's {@code linalg.vector_norm}). Float
     * dtypes only.
     *
     * <p>Composite. {@code p = 1} is {@code sum(abs(x))} (gradient {@code sign(x)}, 0 at 0); {@code
     * p = Infinity} is {@code max(abs(x))} (ties share the gradient, as PyTorch); otherwise the
     * elements are divided by {@code max |x|} first (through {@link #stopGradient()}), so powers
     * neither overflow nor underflow, and at the zero vector the value is 0 and the gradient the
     * subgradient 0 (as {@link #norm()}). The norm of no elements is 0. An empty {@code axes}
     * reduces nothing: the result is {@code |x|} (see {@link #sum(int[], boolean)}).
     *
     * @throws IllegalArgumentException if {@code p < 1} or NaN, the dtype is an integer dtype, or
     *     an axis is out of range or repeated
     */
    public Tensor norm(double p, int[] axes, boolean keepDims) {
        return ReductionOps.norm(this, p, axes, keepDims);
    }

    /** Whether any element is non-zero, as a 0/1 mask of shape {@code []}; 0 for no elements. */
    public Tensor any() {
        return any(ReductionOps.allAxes(shape), false);
    }

    /**
     * Mask: 1 where some element along {@code axes} is non-zero (NaN counts), else 0 (NumPy's
     * {@code any}; 0 over no elements). In this tensor's dtype, like every mask; never traced.
     * An empty {@code axes} reduces nothing: the result is {@code x != 0}.
     *
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public Tensor any(int[] axes, boolean keepDims) {
        return ReductionOps.any(this, axes, keepDims);
    }

    /** Whether every element is non-zero, as a 0/1 mask of shape {@code []}; 1 for no elements. */
    public Tensor all() {
        return all(ReductionOps.allAxes(shape), false);
    }

    /**
     * Mask: 1 where every element along {@code axes} is non-zero (NaN counts), else 0 (NumPy's
     * {@code all}; 1 over no elements). In this tensor's dtype; never traced. An empty {@code
     * axes} reduces nothing: the result is {@code x != 0}.
     *
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public Tensor all(int[] axes, boolean keepDims) {
        return ReductionOps.all(this, axes, keepDims);
    }

    /**
     * Running sums along {@code axis}: element {@code k} is the sum of elements {@code 0..k}
     * (NumPy's and PyTorch's {@code cumsum}). Shapes: same as this tensor; a scalar is returned
     * as it is (axis 0 or -1, as PyTorch). All dtypes (int32 sums that do not fit are refused).
     * A primitive ({@link Cumsum}); its gradient is the running sum of the cotangent from the
     * other end.
     *
     * @throws IllegalArgumentException if the axis is out of range
     */
    public Tensor cumsum(int axis) {
        return ReductionOps.scan(this, axis, false);
    }

    /**
     * Running products along {@code axis}: element {@code k} is the product of elements {@code
     * 0..k} (NumPy's and PyTorch's {@code cumprod}). Shapes: same as this tensor; a scalar is
     * returned as it is. All dtypes (int32 products that do not fit are refused). A primitive
     * ({@link Cumprod}) whose gradient is right with zeros in the input (case N14: the gradient of
     * {@code sum(cumprod([0, 2, 3]))} is {@code [9, 0, 0]}).
     *
     * @throws IllegalArgumentException if the axis is out of range
     */
    public Tensor cumprod(int axis) {
        return ReductionOps.scan(this, axis, true);
    }

    /**
     * One-dimensional max-pooling over the last axis, without padding: output {@code i} is {@code
     * max(x[..., i * stride : i * stride + window])}. Shapes: {@code [..., n]} -> {@code [..., (n -
     * window) / stride + 1]} (the windows that fit).
     *
     * <p>Composite: no vjp of its own; {@link #maxPool1d(MaxPoolOptions)} without padding, that is
     * {@link #unfold} of the windows and a max over each. Each window's gradient goes to its
     * largest element; {@code count} tied maxima get {@code cotangent / count} each (the rule of
     * {@link #max(int[], boolean)}; PyTorch gives it all to one of them); where windows overlap
     * ({@code stride < window}) an element's contributions from every window add up.
     *
     * @throws IllegalArgumentException if this tensor is a scalar, {@code window < 1}, {@code
     *     stride < 1} or {@code window > n}, naming the values and the shape
     */
    public Tensor maxPool1d(int window, int stride) {
        return NetworkOps.maxPool1d(this, window, stride);
    }

    /**
     * The Euclidean (2-)norm of all elements, {@code sqrt(sum(x^2))}. Shapes: any -> {@code []}.
     *
     * <p>Composite: no vjp of its own; the gradient is {@code x / norm}. At the zero vector, where
     * the norm is not differentiable, the gradient is the subgradient 0 (as PyTorch's {@code
     * norm}), never NaN: a double {@link #where} keeps {@code sqrt} away from 0. The elements are
     * first divided by {@code m = max |x|} (through {@link #stopGradient()}, the result does not
     * depend on it): {@code norm = m * sqrt(sum((x / m)^2))}, so squares neither overflow above
     * {@code 1e154} nor underflow below {@code 1e-154}. NaN propagates; an infinite element gives
     * {@code +Inf}; the norm of no elements is 0.
     */
    public Tensor norm() {
        return ReductionOps.norm(this, 2, ReductionOps.allAxes(shape), false);
    }

    /**
     * {@code log(sum(exp(x)))} along {@code axis}, computed as {@code m + log(sum(exp(x - m)))}
     * with {@code m} the max, so it neither overflows nor underflows. Composite; the shift goes
     * through {@link #stopGradient()} (the result does not depend on it).
     */
    public Tensor logSumExp(int axis, boolean keepDims) {
        return ActivationOps.logSumExp(this, new int[] {axis}, keepDims);
    }

    /**
     * Log-softmax along {@code axis}: {@code x - logSumExp(x, axis)}. Shapes: same as this.
     *
     * <p>A primitive ({@link LogSoftmax}, for speed), stable for logits of any finite size:
     * computed as {@code s - log(sum(exp(s)))} with {@code s = x - max}; subtracting {@code
     * logSumExp} itself would cancel catastrophically for large logits (at {@code [1e8, 1e8]} it
     * gives {@code -0.69314718246} instead of {@code -ln 2}).
     *
     * @throws IllegalArgumentException if {@code axis} is out of range
     */
    public Tensor logSoftmax(int axis) {
        return ActivationOps.logSoftmax(this, axis, "logSoftmax");
    }

    /**
     * Softmax along {@code axis}: {@code exp(x - logSumExp(x, axis))}, probabilities in [0, 1]
     * summing to 1. Shapes: same as this. Composite: {@code exp(logSoftmax(x))}, no vjp of its
     * own.
     */
    public Tensor softmax(int axis) {
        return ActivationOps.logSoftmax(this, axis, "softmax").exp();
    }

    // ---------------------------------------------------------------- movement

    /**
     * The same elements in row-major order under {@code shape}; one dimension may be -1 and is
     * inferred.
     *
     * @throws IllegalArgumentException if the sizes differ, naming both shapes
     */
    public Tensor reshape(int... shape) {
        return reshape(MovementOps.inferShape(size(), this.shape, shape));
    }

    /** The same elements under {@code shape}, of equal size. */
    public Tensor reshape(Shape shape) {
        return shape.equals(this.shape) ? this : apply(new Reshape(shape), this);
    }

    /**
     * Reverses the order of all axes, as NumPy's {@code x.T} and {@code transpose()} and JAX's
     * {@code x.T}: output element {@code [i0, ..., i(r-1)]} is input element {@code [i(r-1), ...,
     * i0]}. Shapes: {@code [d0, ..., d(r-1)] -> [d(r-1), ..., d0]}, so {@code [m, n] -> [n, m]}
     * (the matrix transpose) and {@code [b, m, n] -> [n, m, b]}. For rank 0 and 1 it is the
     * identity and returns this tensor itself. Any dtype.
     *
     * <p>For the batched matrix transpose {@code [..., m, n] -> [..., n, m]} (PyTorch's {@code
     * mT}) use {@link #swapAxes swapAxes(-1, -2)}; PyTorch's {@code t()} accepts rank 2 at most.
     * Composite: one {@link Permute} (none for rank below 2); the gradient is the cotangent
     * transposed back.
     */
    public Tensor transpose() {
        return MovementOps.transpose(this);
    }

    /** Reorders the axes: output axis {@code i} is input axis {@code order[i]}. */
    public Tensor permute(int... order) {
        return MovementOps.permute(this, order);
    }

    /**
     * The slice {@code x[..., start:stop:step, ...]} along {@code axis}, with Python's and NumPy's
     * semantics: the elements {@code start, start + step, ...} up to but excluding {@code stop};
     * negative bounds count from the end ({@code -1} is the last element); bounds beyond either end
     * are clamped; a negative step walks backwards ({@code x[::-1]} reverses). An empty range gives
     * an empty axis. Shapes: {@code [..., n, ...]} -> {@code [..., k, ...]} with {@code k} the
     * number of such indices; any dtype.
     *
     * <p>Composite of {@link Slice} (and {@link Flip} for a negative step); the vjp pads the
     * cotangent back with zeros. Every call valid before this method took Python's rules (bounds
     * in {@code [0, n]}, step at least 1) gives the same result as then.
     *
     * <pre>{@code
     * jshell> Tensor.arange(6).slice(0, 1, -1, 2)        // x[1:-1:2]
     * $1 ==> tensor([1., 3.], dtype=float64)
     * }</pre>
     *
     * @param axis the sliced axis; negative counts from the end
     * @throws IllegalArgumentException if the axis is out of range or {@code step} is 0
     */
    public Tensor slice(int axis, int start, int stop, int step) {
        return MovementOps.slice(this, axis, start, stop, step);
    }

    /**
     * {@link #slice(int, int, int, int)} where a null bound is an omitted one, as in Python: {@code
     * x[2:]} is {@code slice(axis, 2, null, 1)}, {@code x[::-1]} is {@code slice(axis, null, null,
     * -1)}. An omitted start is the first element walked ({@code n - 1} for a negative step), an
     * omitted stop lies past the last one walked.
     *
     * @throws IllegalArgumentException if the axis is out of range or {@code step} is 0
     */
    public Tensor slice(int axis, Integer start, Integer stop, int step) {
        return MovementOps.slice(this, axis, start, stop, step);
    }

    /** {@link #slice(int, int, int, int)} with step 1: {@code x[..., start:stop, ...]}. */
    public Tensor slice(int axis, int start, int stop) {
        return MovementOps.slice(this, axis, start, stop, 1);
    }

    /**
     * The elements in row-major order as a 1-D tensor ({@code torch.flatten(x)}, NumPy's {@code
     * ravel}). Shapes: {@code [d0, ..., dr]} -> {@code [d0 * ... * dr]}; a scalar gives {@code
     * [1]}. Composite ({@link Reshape}).
     */
    public Tensor flatten() {
        return MovementOps.flatten(this, 0, -1);
    }

    /**
     * Merges the axes {@code startAxis..endAxis} (both included) into one, as {@code
     * torch.flatten(x, start_dim, end_dim)}. Shapes: {@code [2, 3, 4, 5]} with {@code (1, 2)} ->
     * {@code [2, 12, 5]}. Composite ({@link Reshape}).
     *
     * @throws IllegalArgumentException if an axis is out of range or {@code startAxis} comes
     *     after {@code endAxis}
     */
    public Tensor flatten(int startAxis, int endAxis) {
        return MovementOps.flatten(this, startAxis, endAxis);
    }

    /**
     * Removes every axis of size 1 ({@code np.squeeze(x)}, {@code torch.squeeze(x)}). Shapes:
     * {@code [1, 3, 1]} -> {@code [3]}. Composite ({@link Reshape}).
     */
    public Tensor squeeze() {
        return MovementOps.squeeze(this);
    }

    /**
     * Removes the given axes, each of size 1 ({@code np.squeeze(x, axis)}). Shapes: {@code [1, 3,
     * 1]} with axis {@code -1} -> {@code [1, 3]}. Composite ({@link Reshape}).
     *
     * @throws IllegalArgumentException if an axis is out of range, repeated or not of size 1
     *     (NumPy's rule; {@code torch.squeeze(x, dim)} silently keeps such an axis)
     */
    public Tensor squeeze(int... axes) {
        return MovementOps.squeeze(this, axes);
    }

    /**
     * A new axis of size 1 at position {@code axis} of the result ({@code torch.unsqueeze}).
     * Shapes: {@code [2, 3]} with axis 1 -> {@code [2, 1, 3]}; axis {@code -1} appends. Composite
     * ({@link Reshape}).
     *
     * @throws IllegalArgumentException unless {@code -rank - 1 <= axis <= rank}
     */
    public Tensor unsqueeze(int axis) {
        return MovementOps.expandDims(this, new int[] {axis}, "unsqueeze");
    }

    /**
     * New axes of size 1 at positions {@code axes} of the result ({@code np.expand_dims}).
     * Shapes: {@code [2, 3]} with axes {@code (0, -1)} -> {@code [1, 2, 3, 1]}. Composite
     * ({@link Reshape}).
     *
     * @throws IllegalArgumentException if an axis is out of range for the result's rank or
     *     repeated
     */
    public Tensor expandDims(int... axes) {
        return MovementOps.expandDims(this, axes, "expandDims");
    }

    /**
     * Exchanges two axes ({@code np.swapaxes}, {@code torch.transpose(x, a, b)}). Shapes: {@code
     * [2, 3, 4]} with {@code (0, 2)} -> {@code [4, 3, 2]}. Composite ({@link Permute}).
     *
     * @throws IllegalArgumentException if an axis is out of range
     */
    public Tensor swapAxes(int first, int second) {
        return MovementOps.swapAxes(this, first, second);
    }

    /**
     * Moves axis {@code source} to position {@code destination}, the others keeping their order
     * ({@code np.moveaxis}, {@code torch.movedim}). Shapes: {@code [2, 3, 4]} with {@code (0,
     * -1)} -> {@code [3, 4, 2]}. Composite ({@link Permute}).
     *
     * @throws IllegalArgumentException if an axis is out of range
     */
    public Tensor moveAxis(int source, int destination) {
        return MovementOps.moveAxis(this, new int[] {source}, new int[] {destination});
    }

    /**
     * Moves each axis {@code sources[i]} to position {@code destinations[i]}, the others keeping
     * their order ({@code np.moveaxis} with sequences). Composite ({@link Permute}).
     *
     * @throws IllegalArgumentException if the lengths differ or an axis is out of range or
     *     repeated
     */
    public Tensor moveAxis(int[] sources, int[] destinations) {
        return MovementOps.moveAxis(this, sources, destinations);
    }

    /**
     * Reverses the order of the elements along {@code axes} ({@code np.flip(x, axes)}, {@code
     * torch.flip(x, dims)}): {@code y[..., i, ...] = x[..., n - 1 - i, ...]}. Shapes: same as this
     * tensor; any dtype. A primitive ({@link Flip}); with no axes it returns this tensor.
     *
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public Tensor flip(int... axes) {
        return MovementOps.flip(this, axes);
    }

    /** Reverses every axis ({@code np.flip(x)} with no axis). Shapes: same as this tensor. */
    public Tensor flip() {
        return MovementOps.flip(this, ReductionOps.allAxes(shape));
    }

    /**
     * Rotates the elements along {@code axis} by {@code shift} positions ({@code np.roll}, {@code
     * torch.roll}): {@code y[..., (i + shift) mod n, ...] = x[..., i, ...]}; a negative shift
     * rotates the other way. Shapes: same as this tensor. Composite: two slices joined by {@link
     * Concat}.
     *
     * @throws IllegalArgumentException if the axis is out of range
     */
    public Tensor roll(int shift, int axis) {
        return MovementOps.roll(this, shift, axis);
    }

    /**
     * Rolls along several axes in turn ({@code torch.roll(x, shifts, dims)}); an axis named twice
     * rolls by the sum of its shifts.
     *
     * @throws IllegalArgumentException if the lengths differ or an axis is out of range
     */
    public Tensor roll(int[] shifts, int[] axes) {
        return MovementOps.roll(this, shifts, axes);
    }

    /**
     * Rolls the flattened elements by {@code shift} and restores the shape ({@code np.roll(x,
     * shift)}, {@code torch.roll(x, shift)} without an axis).
     */
    public Tensor roll(int shift) {
        return MovementOps.roll(this.reshape(-1), shift, 0).reshape(shape);
    }

    /**
     * Repeats each element along {@code axis} {@code repeats} times in place: {@code [a, b]} ->
     * {@code [a, a, b, b]} (PyTorch's {@code torch.repeat_interleave}, NumPy's {@code np.repeat};
     * not PyTorch's {@code Tensor.repeat}, which is {@link #tile}). Shapes: {@code [..., n, ...]}
     * -> {@code [..., n * repeats, ...]}; any dtype. Composite ({@link BroadcastTo} on a new
     * axis, then {@link Reshape}); the vjp sums the copies.
     *
     * @throws IllegalArgumentException if the axis is out of range or {@code repeats < 0}
     */
    public Tensor repeatInterleave(int repeats, int axis) {
        return MovementOps.repeatInterleave(this, repeats, axis);
    }

    /**
     * Repeats element {@code i} along {@code axis} {@code repeats[i]} times ({@code
     * torch.repeat_interleave(x, repeats_tensor, dim)}, {@code np.repeat(x, repeats, axis)}); a
     * single count applies to every element. Shapes: {@code [..., n, ...]} -> {@code [...,
     * sum(repeats), ...]}. Composite ({@link IndexSelect}; the vjp scatter-adds the copies).
     *
     * @throws IllegalArgumentException if the axis is out of range, a count is negative or there
     *     are neither {@code n} counts nor one
     */
    public Tensor repeatInterleave(int[] repeats, int axis) {
        return MovementOps.repeatInterleave(this, repeats, axis);
    }

    /**
     * Repeats each element of the flattened tensor {@code repeats} times ({@code
     * torch.repeat_interleave(x, repeats)} and {@code np.repeat(x, repeats)} without an axis).
     * Shapes: any -> {@code [size * repeats]}.
     */
    public Tensor repeatInterleave(int repeats) {
        return MovementOps.repeatInterleave(this.reshape(-1), repeats, 0);
    }

    /**
     * Tiles copies of the whole tensor: {@code [a, b]} tiled twice is {@code [a, b, a, b]} ({@code
     * np.tile(x, reps)}, and PyTorch's {@code Tensor.repeat(*reps)}, whose name jgrad does not use
     * because NumPy's {@code repeat} is {@link #repeatInterleave}). When {@code reps} is shorter
     * than the rank it is padded with leading 1s; when longer, the tensor gains leading axes of
     * size 1. Shapes: {@code [d0, ..., dr]} -> {@code [d0 * r0, ..., dr * rr]}; any dtype.
     * Composite ({@link BroadcastTo} then {@link Reshape}); the vjp sums the copies.
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public Tensor tile(int... reps) {
        return MovementOps.tile(this, reps);
    }

    /**
     * Joins tensors along an existing axis ({@code torch.cat}, {@code np.concatenate}). Shapes:
     * {@code [..., n_i, ...]} for each tensor, equal except along {@code axis} -> {@code [...,
     * sum(n_i), ...]}; one dtype, any. A primitive ({@link Concat}, for speed and memory); the vjp
     * slices the cotangent into each input's part. One tensor is returned as it is.
     *
     * @throws IllegalArgumentException if the list is empty, a tensor is a scalar, the dtypes
     *     differ or the shapes differ on another axis, naming the tensor and both shapes
     */
    public static Tensor concat(List<Tensor> tensors, int axis) {
        return MovementOps.concat(tensors, axis);
    }

    /**
     * Joins equal-shaped tensors along a new axis at position {@code axis} of the result ({@code
     * torch.stack}, {@code np.stack}). Shapes: {@code k} tensors of {@code [d0, ..., dr]} with
     * axis 0 -> {@code [k, d0, ..., dr]}. Composite: {@link #unsqueeze} then {@link #concat}.
     *
     * @throws IllegalArgumentException if the list is empty, the shapes or dtypes differ, or
     *     {@code axis} is outside {@code [-rank - 1, rank]}
     */
    public static Tensor stack(List<Tensor> tensors, int axis) {
        return MovementOps.stack(tensors, axis);
    }

    /**
     * Cuts this tensor along {@code axis} into pieces of {@code size} elements, the last one
     * shorter when {@code size} does not divide the axis ({@code torch.split(x, size, dim)}).
     * Shapes: {@code [..., n, ...]} -> {@code ceil(n / size)} tensors {@code [..., size, ...]}
     * (one empty piece for {@code n = 0}). Composite ({@link Slice}).
     *
     * @throws IllegalArgumentException if the axis is out of range or {@code size < 1}
     */
    public ImmutableList<Tensor> split(int size, int axis) {
        return MovementOps.split(this, size, axis);
    }

    /**
     * Cuts this tensor along {@code axis} into pieces of the given sizes ({@code torch.split(x,
     * sizes, dim)}; NumPy's {@code np.split} takes cut positions instead). Shapes: {@code [..., n,
     * ...]} -> {@code [..., sizes[i], ...]} for each {@code i}. Composite ({@link Slice}).
     *
     * @throws IllegalArgumentException if a size is negative or the sizes do not sum to {@code n}
     */
    public ImmutableList<Tensor> split(int[] sizes, int axis) {
        return MovementOps.split(this, sizes, axis);
    }

    /**
     * Cuts this tensor along {@code axis} into {@code chunks} pieces of {@code ceil(n / chunks)}
     * elements, as {@code torch.chunk}: the last is shorter when that does not divide {@code n},
     * and fewer pieces come back when fewer suffice ({@code 5} elements in 4 chunks give sizes
     * {@code 2, 2, 1}; an empty axis gives {@code chunks} empty pieces). Composite ({@link
     * Slice}).
     *
     * @throws IllegalArgumentException if the axis is out of range or {@code chunks < 1}
     */
    public ImmutableList<Tensor> chunk(int chunks, int axis) {
        return MovementOps.chunk(this, chunks, axis);
    }

    /**
     * Cuts this tensor along {@code axis} into exactly {@code sections} pieces whose sizes differ
     * by at most one, the longer ones first ({@code torch.tensor_split(x, sections, dim)}, {@code
     * np.array_split}): 5 elements in 3 sections give sizes {@code 2, 2, 1}. Composite ({@link
     * Slice}).
     *
     * @throws IllegalArgumentException if the axis is out of range or {@code sections < 1}
     */
    public ImmutableList<Tensor> tensorSplit(int sections, int axis) {
        return MovementOps.tensorSplit(this, sections, axis);
    }

    /**
     * Zero padding in PyTorch's argument order ({@code torch.nn.functional.pad(x, widths)}):
     * {@code widths} lists (before, after) pairs starting from the LAST axis, so {@code (1, 2)}
     * pads the last axis with 1 zero before and 2 after, and {@code (1, 2, 3, 4)} also pads the
     * axis before it with 3 and 4. (NumPy's {@code np.pad} lists pairs from the first axis.)
     * Shapes: {@code [..., n]} with {@code (b, a)} -> {@code [..., b + n + a]}; any dtype.
     * Composite ({@link Concat}).
     *
     * @throws IllegalArgumentException if {@code widths} has odd length, more pairs than axes, or
     *     a negative width
     */
    public Tensor pad(int... widths) {
        return MovementOps.pad(this, widths, PadMode.CONSTANT, 0);
    }

    /**
     * Constant padding with {@code value}, widths as {@link #pad(int...)} ({@code F.pad(x, widths,
     * value=value)}, {@code np.pad(..., constant_values=value)}). Composite ({@link Concat}).
     *
     * @throws IllegalArgumentException as {@link #pad(int...)}, or if this tensor is an integer
     *     tensor and {@code value} is not a whole number it holds
     */
    public Tensor pad(int[] widths, double value) {
        return MovementOps.pad(this, widths, PadMode.CONSTANT, value);
    }

    /**
     * Padding by {@code mode} (see {@link PadMode}: constant zeros, reflect, replicate, circular),
     * widths as {@link #pad(int...)} ({@code F.pad(x, widths, mode=...)}; NumPy's {@code
     * np.pad(x, pairs, mode)} with its pairs listed from the first axis and {@code "edge"}, {@code
     * "wrap"} for replicate and circular). Unlike PyTorch, any axes of any rank may be padded in
     * every mode. Composite: slices (flipped for reflect, broadcast for replicate) joined by
     * {@link Concat}, axis by axis, so corners are padded as NumPy does; the vjp of reflect and
     * replicate adds the padded positions' cotangents back to the elements they copy.
     *
     * @throws IllegalArgumentException as {@link #pad(int...)}; for REFLECT if a width is not less
     *     than its axis's size, for CIRCULAR if it is larger, for REPLICATE if a padded axis is
     *     empty, naming the widths, the axis and the shape
     */
    public Tensor pad(int[] widths, PadMode mode) {
        return MovementOps.pad(this, widths, mode, 0);
    }

    /**
     * Copies this tensor to {@code shape} by NumPy broadcasting.
     *
     * @throws IllegalArgumentException if this shape does not broadcast to {@code shape}
     */
    public Tensor broadcastTo(Shape shape) {
        return shape.equals(this.shape) ? this : apply(new BroadcastTo(shape), this);
    }

    /**
     * Sums this tensor down to {@code shape}, the inverse of broadcasting: sums the leading extra
     * axes and the axes where {@code shape} has size 1. Composite.
     *
     * @throws IllegalArgumentException if {@code shape} does not broadcast to this shape
     */
    public Tensor sumTo(Shape shape) {
        return MovementOps.sumTo(this, shape);
    }

    /**
     * {@code this · weightᵀ}, the affine map of PyTorch's {@code torch.nn.functional.linear}
     * without its bias. Shapes: {@code [..., in] x [out, in] -> [..., out]}; same float dtype.
     * Equal to {@code matmul(weight.transpose())}, but one {@link MatMul} reads the weight
     * transposed in place (no copy forward or backward).
     *
     * @throws IllegalArgumentException if the weight is not {@code [out, in]} for this tensor's
     *     last axis {@code in}, naming both shapes, or the dtypes differ
     */
    public Tensor linear(Tensor weight) {
        checkSameDtype("linear", this, weight);
        return LinalgOps.linear(this, weight);
    }

    /**
     * The matrix product by NumPy's {@code matmul} rules: {@code [m, k] x [k, n] -> [m, n]}; a 1-D
     * operand is a row (on the left) or a column (on the right) whose axis is removed from the
     * result (two 1-D operands give their dot product, shape {@code []}); operands of rank above 2
     * are stacks of matrices whose leading (batch) axes broadcast. Shapes: {@code [..., m, k] x
     * [..., k, n] -> [broadcast(...), m, n]}. A primitive ({@link MatMul}), with the 1-D rules
     * around it.
     *
     * @throws IllegalArgumentException if an operand is a scalar, the inner dimensions differ,
     *     the batch axes do not broadcast or the dtypes differ, naming both shapes
     */
    public Tensor matmul(Tensor other) {
        checkSameDtype("matmul", this, other);
        return LinalgOps.matmul(this, other);
    }

    /**
     * The dot product of two vectors, {@code sum_i a[i] * b[i]} (PyTorch's {@code torch.dot}).
     * Shapes: {@code [n] x [n] -> []}. Composite: one {@link MatMul}.
     *
     * @throws IllegalArgumentException unless both are vectors of one length and one dtype
     */
    public Tensor dot(Tensor other) {
        checkSameDtype("dot", this, other);
        return LinalgOps.dot(this, other);
    }

    /**
     * The outer product of two vectors, {@code y[i, j] = a[i] * b[j]} ({@code torch.outer}).
     * Shapes: {@code [m] x [n] -> [m, n]}. Composite: a broadcast {@link #mul}.
     *
     * @throws IllegalArgumentException unless both are vectors of one dtype
     */
    public Tensor outer(Tensor other) {
        checkSameDtype("outer", this, other);
        return LinalgOps.outer(this, other);
    }

    /**
     * Einstein summation over the operands' labelled axes, as NumPy's and PyTorch's {@code
     * einsum}: {@code "bij,bjk->bik"} (batched matrix product), {@code "ij->ji"} (transpose),
     * {@code "i,i->"} (dot), {@code "ij,j->i"}, {@code "bi,bi->b"}, {@code "ii->"} (trace), {@code
     * "ii->i"} (diagonal), {@code "ij->"} (sum), and any other spec of letters with one optional
     * {@code "..."} per term for broadcast leading axes. Labels that appear in the inputs but not
     * in the output are summed; without {@code "->"} the output is the ellipsis, then the letters
     * used once, in character order. Axes of size 1 broadcast against their label's size.
     * Shapes: each operand has one axis per label ({@code "..."} covers the rest); the output has
     * one per output label. Accepts float32, float64, int32 and int64 (all operands of one
     * dtype, as PyTorch on the CPU; integer arithmetic is that of {@link #mul} and {@link #sum},
     * so an int32 sum that does not fit is refused).
     *
     * <p>Composite: no vjp of its own. A repeated label within an operand takes a diagonal (a
     * reshape and a strided {@link Slice}); each pair of operands, left to right, is one batched
     * {@link MatMul} when they share a summed label (reading an operand transposed in place where
     * its axes already come in that order; for integers, whose products have no GEMM, a broadcast
     * {@link #mul} and a sum), else a broadcast {@link #mul}; labels are summed as
     * soon as no later operand needs them.
     *
     * <pre>{@code
     * jshell> Tensor.einsum("ij,j->i", Tensor.of(new double[][] {{1, 2}, {3, 4}}), Tensor.of(1, 1))
     * $1 ==> tensor([3., 7.], dtype=float64)
     * }</pre>
     *
     * @throws IllegalArgumentException naming the spec and the shapes if the spec is malformed
     *     (a character other than a letter, a stray {@code '.'}, two arrows, a repeated or
     *     unknown output label), names a different number of operands, has the wrong number of
     *     labels for an operand, or gives one label two sizes (neither 1), or if the dtypes differ;
     *     every error names einsum
     * @throws ArithmeticException naming einsum, the spec and the operands, if an int32 sum does
     *     not fit
     */
    public static Tensor einsum(String spec, Tensor... operands) {
        return Einsum.einsum(spec, Arrays.asList(operands));
    }

    /**
     * The sum of the main diagonal of a matrix, {@code sum_i x[i, i]} ({@code torch.trace}; the
     * matrix need not be square). Shapes: {@code [m, n] -> []}. Composite: {@link #diag(int)} and
     * a sum.
     *
     * @throws IllegalArgumentException if this tensor is not a matrix
     */
    public Tensor trace() {
        return LinalgOps.trace(this);
    }

    /** {@link #diag(int)} of the main diagonal. */
    public Tensor diag() {
        return LinalgOps.diag(this, 0);
    }

    /**
     * As {@code torch.diag}: for a vector, the square matrix with the vector on diagonal {@code
     * offset} and zeros elsewhere ({@code [n] -> [n + |offset|, n + |offset|]}); for a matrix,
     * the vector of its diagonal {@code offset}, {@code y[i] = x[i, i + offset]} for {@code
     * offset >= 0} and {@code x[i - offset, i]} below the main diagonal ({@code [m, n] -> [count]},
     * empty when the diagonal lies outside). Positive offsets are above the main diagonal.
     *
     * <p>Composite: the matrix is flattened and read with a strided {@link Slice}; the vector is
     * spread with interior {@link Pad}ding. The two are each other's vjp.
     *
     * @throws IllegalArgumentException if this tensor is neither a vector nor a matrix
     */
    public Tensor diag(int offset) {
        return LinalgOps.diag(this, offset);
    }

    // ---------------------------------------------------------------- network operations

    /**
     * Extracts sliding windows into columns, as {@code torch.nn.functional.unfold} (im2col):
     * {@code y[n, (ch * kh + i) * kw + j, r * gridWidth + c] = x[n, ch, r * stride - padding + i *
     * dilation, c * stride - padding + j * dilation]} per axis, 0 on padding. Shapes: {@code x
     * [batch, channels, height, width] -> [batch, channels * kernelHeight * kernelWidth,
     * gridHeight * gridWidth]} with {@code grid = floor((in + 2 * padding - dilation * (kernel -
     * 1) - 1) / stride) + 1} per axis; float32 or float64.
     *
     * <p>A primitive ({@link Unfold}); its vjp is {@link #fold}.
     *
     * @param options stride, padding and dilation (groups must be 1)
     * @throws IllegalArgumentException if this is not of rank 4, the kernel is smaller than 1 x 1,
     *     {@code groups} is not 1, or the kernel's reach exceeds the padded input
     */
    public Tensor unfold(int kernelHeight, int kernelWidth, ConvOptions options) {
        return ConvolutionOps.unfold(this, kernelHeight, kernelWidth, options);
    }

    /**
     * Adds columns of sliding windows back onto {@code [height, width]} planes, as {@code
     * torch.nn.functional.fold} (col2im): the transpose of {@link #unfold}, so overlapping
     * windows add up and entries on padding are dropped. Shapes: {@code [batch, channels *
     * kernelHeight * kernelWidth, gridHeight * gridWidth] -> [batch, channels, height, width]};
     * float32 or float64.
     *
     * <p>A primitive ({@link Fold}); its vjp is {@link #unfold}.
     *
     * @throws IllegalArgumentException if this is not of rank 3, or its axes do not hold a whole
     *     number of channels of the kernel's taps and the grid's windows, naming the shapes
     */
    public Tensor fold(int height, int width, int kernelHeight, int kernelWidth,
            ConvOptions options) {
        return ConvolutionOps.fold(this, height, width, kernelHeight, kernelWidth, options);
    }

    /**
     * Two-dimensional convolution (cross-correlation, as {@code torch.nn.functional.conv2d}):
     * {@code y[n, o, r, c] = bias[o] + sum_{ch, i, j} x[n, g * C/G + ch, r * sh - ph + i * dh, c
     * * sw - pw + j * dw] * weight[o, ch, i, j]} with {@code g = o / (O/G)} the output channel's
     * group, zero padding. Shapes: {@code this [batch, C, height, width]}, {@code weight [O, C/G,
     * kh, kw]} -> {@code [batch, O, oh, ow]} with {@code oh = floor((height + 2 ph - dh (kh - 1) -
     * 1) / sh) + 1} (likewise {@code ow}); float32 or float64, all one dtype.
     *
     * <p>Composite: {@link #unfold} of the input, one batched {@link MatMul} with the weight seen
     * as a matrix (per group), reshapes, and the bias added; so the gradients are those of the
     * product and unfold (whose vjp, {@link #fold}, adds the contributions of overlapping
     * windows), and the speed is that of the matrix product.
     *
     * @throws IllegalArgumentException if the ranks are not 4, the groups do not divide the
     *     channels, the weight's in-channels times groups differ from the input's channels, the
     *     kernel's reach exceeds the padded input, an option has more values than spatial axes,
     *     or the dtypes differ, naming the operation and the shapes
     */
    public Tensor conv2d(Tensor weight, ConvOptions options) {
        return ConvolutionOps.conv2d(this, weight, null, options);
    }

    /**
     * {@link #conv2d(Tensor, ConvOptions)} plus {@code bias [O]}, added to every position of
     * output channel {@code o}.
     *
     * @throws IllegalArgumentException as {@link #conv2d(Tensor, ConvOptions)}, or if the bias is
     *     not {@code [O]}
     */
    public Tensor conv2d(Tensor weight, Tensor bias, ConvOptions options) {
        return ConvolutionOps.conv2d(this, weight, checkNotNull(bias, "conv2d: bias"), options);
    }

    /**
     * One-dimensional convolution, as {@code torch.nn.functional.conv1d}: {@link #conv2d} on
     * planes of height 1. Shapes: {@code this [batch, C, length]}, {@code weight [O, C/G, k]} ->
     * {@code [batch, O, floor((length + 2 p - d (k - 1) - 1) / s) + 1]}. Composite.
     *
     * @throws IllegalArgumentException as {@link #conv2d(Tensor, ConvOptions)} (ranks 3)
     */
    public Tensor conv1d(Tensor weight, ConvOptions options) {
        return ConvolutionOps.conv1d(this, weight, null, options);
    }

    /** {@link #conv1d(Tensor, ConvOptions)} plus {@code bias [O]}. */
    public Tensor conv1d(Tensor weight, Tensor bias, ConvOptions options) {
        return ConvolutionOps.conv1d(this, weight, checkNotNull(bias, "conv1d: bias"), options);
    }

    /**
     * Transposed two-dimensional convolution, as {@code torch.nn.functional.conv_transpose2d}:
     * the vjp of {@link #conv2d} with respect to its input, {@code y[n, g * O/G + o, r * sh - ph +
     * i * dh, c * sw - pw + j * dw] += x[n, g * C/G + ch, r, c] * weight[g * C/G + ch, o, i, j]}
     * (cells beyond the output dropped). Shapes: {@code this [batch, C, height, width]}, {@code
     * weight [C, O/G, kh, kw]} -> {@code [batch, O, (height - 1) sh - 2 ph + dh (kh - 1) + oph +
     * 1, ...]} with {@code oph} the output padding; float32 or float64.
     *
     * <p>Composite: one batched {@link MatMul} reading the weight transposed in place gives the
     * columns {@code [batch, O * kh * kw, height * width]}, which {@link #fold} adds onto the
     * output.
     *
     * @throws IllegalArgumentException if the ranks are not 4, the weight's first axis is not the
     *     input's channels, the groups do not divide them, an output padding is not smaller than
     *     its stride or its dilation, the output would be empty, or the dtypes differ
     */
    public Tensor convTranspose2d(Tensor weight, ConvTransposeOptions options) {
        return ConvolutionOps.convTranspose2d(this, weight, null, options);
    }

    /** {@link #convTranspose2d(Tensor, ConvTransposeOptions)} plus {@code bias [O]}. */
    public Tensor convTranspose2d(Tensor weight, Tensor bias, ConvTransposeOptions options) {
        return ConvolutionOps.convTranspose2d(this, weight,
                checkNotNull(bias, "convTranspose2d: bias"), options);
    }

    /**
     * Transposed one-dimensional convolution ({@code torch.nn.functional.conv_transpose1d}), the
     * vjp of {@link #conv1d} with respect to its input. Shapes: {@code this [batch, C, length]},
     * {@code weight [C, O/G, k]} -> {@code [batch, O, (length - 1) s - 2 p + d (k - 1) + op + 1]}.
     *
     * @throws IllegalArgumentException as {@link #convTranspose2d(Tensor, ConvTransposeOptions)}
     *     (ranks 3)
     */
    public Tensor convTranspose1d(Tensor weight, ConvTransposeOptions options) {
        return ConvolutionOps.convTranspose1d(this, weight, null, options);
    }

    /** {@link #convTranspose1d(Tensor, ConvTransposeOptions)} plus {@code bias [O]}. */
    public Tensor convTranspose1d(Tensor weight, Tensor bias, ConvTransposeOptions options) {
        return ConvolutionOps.convTranspose1d(this, weight,
                checkNotNull(bias, "convTranspose1d: bias"), options);
    }

    /**
     * Two-dimensional max pooling over the last two axes, as {@code
     * torch.nn.functional.max_pool2d}: each output cell is the maximum of its window, padding
     * being {@code -Inf} (it never wins). Shapes: {@code [..., height, width] -> [..., oh, ow]}
     * (the leading axes, usually batch and channels, are kept) with {@code oh = floor((height + 2
     * p - d (k - 1) - 1) / s) + 1}, or {@code ceil} in ceil mode, where a last window that would
     * start beyond the input and its left padding is dropped; float32 or float64.
     *
     * <p>Composite: {@link #unfold}, a constant that makes the padding {@code -Inf} (added, so
     * anomaly mode does not report it), and a max over each window's taps ({@link
     * #max(int[], boolean)}). Each window's gradient goes to its largest element; when {@code
     * count} elements of a window tie for the maximum, each receives {@code cotangent / count}
     * (jgrad's one max convention, case C10: a 2x2 window {@code [[1, 3], [3, 2]]} sends {@code
     * 0.5} to each 3). This differs from PyTorch's {@code max_pool2d}, which sends the whole
     * gradient to one of them (the first maximum in the window's scan order); sums of gradients
     * agree, single elements do not. Where windows overlap an element's contributions add up. A
     * window holding a NaN has value NaN and its NaN elements share its gradient. A window whose
     * real cells are all {@code -Inf} ties with its padding: its value is {@code -Inf} and the
     * padding's share of its gradient is dropped.
     *
     * @throws IllegalArgumentException if the rank is below 2, a padding exceeds half its kernel,
     *     an option has more values than spatial axes, or the input is too small for one window
     */
    public Tensor maxPool2d(MaxPoolOptions options) {
        return NetworkOps.maxPool("maxPool2d", this, options, 2);
    }

    /** {@link #maxPool2d(MaxPoolOptions)} with a {@code kernel x kernel} window and stride. */
    public Tensor maxPool2d(int kernel) {
        return maxPool2d(MaxPoolOptions.of(kernel));
    }

    /**
     * One-dimensional max pooling over the last axis with padding, dilation and ceil mode, as
     * {@code torch.nn.functional.max_pool1d}. Shapes: {@code [..., length] -> [..., out]}; see
     * {@link #maxPool2d(MaxPoolOptions)} for the size rule, ties and overlaps. Composite.
     *
     * @throws IllegalArgumentException as {@link #maxPool2d(MaxPoolOptions)} (rank below 1)
     */
    public Tensor maxPool1d(MaxPoolOptions options) {
        return NetworkOps.maxPool("maxPool1d", this, options, 1);
    }

    /**
     * Two-dimensional average pooling over the last two axes, as {@code
     * torch.nn.functional.avg_pool2d}: each output cell is the sum of its window (zero padding)
     * divided by the window's divisor (see {@link AvgPoolOptions}: the cells inside the padded
     * input, or inside the input without {@code countIncludePad}, or the override). Shapes:
     * {@code [..., height, width] -> [..., oh, ow]} by the size rule of {@link
     * #maxPool2d(MaxPoolOptions)} (no dilation); float32 or float64.
     *
     * <p>Composite: {@link #unfold}, a sum over each window's taps and a division by a constant
     * tensor of divisors, the same in the forward and the backward pass (case N02).
     *
     * @throws IllegalArgumentException if the rank is below 2, a padding exceeds half its kernel,
     *     an option has more values than spatial axes, or the input is too small for one window
     */
    public Tensor avgPool2d(AvgPoolOptions options) {
        return NetworkOps.avgPool("avgPool2d", this, options, 2);
    }

    /** {@link #avgPool2d(AvgPoolOptions)} with a {@code kernel x kernel} window and stride. */
    public Tensor avgPool2d(int kernel) {
        return avgPool2d(AvgPoolOptions.of(kernel));
    }

    /**
     * One-dimensional average pooling over the last axis ({@code
     * torch.nn.functional.avg_pool1d}). Shapes: {@code [..., length] -> [..., out]}; see {@link
     * #avgPool2d(AvgPoolOptions)}. Composite.
     *
     * @throws IllegalArgumentException as {@link #avgPool2d(AvgPoolOptions)} (rank below 1)
     */
    public Tensor avgPool1d(AvgPoolOptions options) {
        return NetworkOps.avgPool("avgPool1d", this, options, 1);
    }

    /**
     * Adaptive average pooling of the last two axes to {@code [outHeight, outWidth]}, as {@code
     * torch.nn.functional.adaptive_avg_pool2d}: output cell {@code i} of an axis of length {@code
     * in} averages the input cells from {@code floor(i * in / out)} up to (excluding) {@code
     * ceil((i + 1) * in / out)}. Shapes: {@code [..., height, width] -> [..., outHeight,
     * outWidth]}; float32 or float64.
     *
     * <p>Composite: separable, {@code A_h . x . A_w^T} with constant averaging matrices, two
     * batched {@link MatMul}s.
     *
     * @throws IllegalArgumentException if the rank is below 2, an output size is below 1 or an
     *     input axis is empty
     */
    public Tensor adaptiveAvgPool2d(int outHeight, int outWidth) {
        return NetworkOps.adaptiveAvgPool("adaptiveAvgPool2d", this, outHeight, outWidth);
    }

    /**
     * Adaptive average pooling of the last axis to {@code out} cells ({@code
     * adaptive_avg_pool1d}); see {@link #adaptiveAvgPool2d}. Shapes: {@code [..., length] ->
     * [..., out]}. Composite.
     *
     * @throws IllegalArgumentException if this is a scalar, {@code out < 1} or the axis is empty
     */
    public Tensor adaptiveAvgPool1d(int out) {
        return NetworkOps.adaptiveAvgPool("adaptiveAvgPool1d", this, out);
    }

    /**
     * Inverted dropout (Srivastava et al., 2014, as {@code torch.nn.functional.dropout}): in
     * training, each element is kept with probability {@code 1 - p} and scaled by {@code 1 / (1 -
     * p)}, so the expected value is unchanged, and dropped (set to 0) otherwise; in evaluation
     * ({@code training = false}) and for {@code p = 0} it returns this tensor. Shapes: same as
     * this; float32 or float64. The keep decisions are {@link #bernoulli} draws of {@code 1 - p}
     * from {@code rng}, one per element in row-major order.
     *
     * <p>Composite: {@code where(keep, x / (1 - p), 0)}. Dropped elements are exactly 0 with
     * gradient exactly 0, even where {@code x} is infinite or NaN (PyTorch multiplies by the mask
     * and gives NaN there); {@code p = 1} gives zeros and zero gradients, never NaN (case N05).
     *
     * @throws IllegalArgumentException unless {@code 0 <= p <= 1}
     */
    public Tensor dropout(double p, boolean training, RandomGenerator rng) {
        return NetworkOps.dropout(this, p, training, rng);
    }

    /**
     * Inverted dropout in training with the keep decisions given: {@code where(keepMask, x / (1 -
     * p), 0)}, and zeros for {@code p = 1}; see {@link #dropout(double, boolean,
     * RandomGenerator)}. The mask may broadcast (e.g. {@code [batch, channels, 1, 1]} drops whole
     * channels). Shapes: {@code keepMask} broadcasts to this shape; the result has this shape.
     *
     * @throws IllegalArgumentException unless {@code 0 <= p <= 1}, the mask broadcasts to this
     *     shape and holds only 0 and 1
     */
    public Tensor dropout(double p, Tensor keepMask) {
        return NetworkOps.dropout(this, p, keepMask);
    }

    // ---------------------------------------------------------------- indexing
    //
    // Index tensors are int32 or int64. An index into an axis of size n lies in [-n, n); negative
    // ones count from the end (NumPy's rule; PyTorch's gather and index_select refuse them).

    /**
     * The entries along {@code axis} that {@code index} lists, in its order and with repeats
     * ({@code torch.index_select(x, axis, index)}): {@code y[..., i, ...] = x[..., index[i], ...]}.
     * Shapes: {@code [..., n, ...]}, {@code index [k]} (or a scalar, as {@code [1]}) -> {@code
     * [..., k, ...]}; any dtype. A primitive ({@link IndexSelect}); the vjp is a scatter-add
     * ({@link #indexAdd}) where repeated indices accumulate.
     *
     * @throws IllegalArgumentException if the axis is out of range, {@code index} is not an int32
     *     or int64 tensor of rank 0 or 1, or an index lies outside {@code [-n, n)} (naming the
     *     index, its position and the valid range)
     */
    public Tensor indexSelect(int axis, Tensor index) {
        return IndexingOps.indexSelect(this, axis, index);
    }

    /**
     * The entries along {@code axis} at indices of any shape ({@code np.take(x, index, axis)}):
     * {@code y[a..., i..., b...] = x[a..., index[i...], b...]}. Shapes: {@code [..., n, ...]},
     * {@code index [i0, ..., ik]} -> {@code [..., i0, ..., ik, ...]}. Composite ({@link
     * IndexSelect} on the flattened index); the vjp scatter-adds.
     *
     * @throws IllegalArgumentException if the axis is out of range, {@code index} is not an int32
     *     or int64 tensor, or an index lies outside {@code [-n, n)}, naming it
     */
    public Tensor take(Tensor index, int axis) {
        return IndexingOps.take(this, index, axis);
    }

    /**
     * The elements at flat (row-major) positions ({@code np.take(x, index)}, {@code torch.take}):
     * {@code y[i...] = x.flatten()[index[i...]]}. Shapes: any, {@code index} of any shape ->
     * {@code index}'s shape. Composite ({@link IndexSelect}); the vjp scatter-adds, so repeated
     * positions accumulate.
     *
     * @throws IllegalArgumentException if {@code index} is not an int32 or int64 tensor or an
     *     index lies outside {@code [-size, size)}, naming it
     */
    public Tensor take(Tensor index) {
        return IndexingOps.take(this, index);
    }

    /**
     * Reads along {@code axis} at the positions of an index tensor of the same rank ({@code
     * torch.gather(x, axis, index)}, {@code np.take_along_axis}): {@code y[i][j] =
     * x[index[i][j]][j]} for axis 0, {@code y[i][j] = x[i][index[i][j]]} for axis 1. Shapes:
     * {@code x [d0, ..., dr]}, {@code index [e0, ..., er]} with {@code e_d <= d_d} off the axis ->
     * {@code [e0, ..., er]}; any dtype. A primitive ({@link Gather}); the vjp is {@link
     * #scatterAdd} into zeros, where repeated indices accumulate.
     *
     * @throws IllegalArgumentException if the axis is out of range, {@code index} is not an int32
     *     or int64 tensor of this rank no longer than this tensor off the axis, or an index lies
     *     outside {@code [-n, n)}, naming it
     */
    public Tensor gather(int axis, Tensor index) {
        return IndexingOps.gather(this, axis, index);
    }

    /**
     * This tensor plus {@code source} added along {@code axis} at the positions of {@code index}
     * ({@code torch.Tensor.scatter_add(axis, index, source)}): {@code y = x}, then {@code
     * y[index[i][j]][j] += source[i][j]} for axis 0, repeated positions accumulating. Shapes: this
     * {@code [d0, ..., dr]}, {@code index} and {@code source} of one shape {@code [e0, ..., er]}
     * with {@code e_d <= d_d} off the axis -> this shape; this and {@code source} of one dtype. A
     * primitive ({@link ScatterAdd}); the vjp is the cotangent for this tensor and its {@link
     * #gather} for {@code source}.
     *
     * @throws IllegalArgumentException if the axis is out of range, the shapes do not fit (PyTorch
     *     lets {@code index} be smaller than {@code source}; jgrad does not), the dtypes differ or
     *     an index lies outside {@code [-n, n)}, naming it
     */
    public Tensor scatterAdd(int axis, Tensor index, Tensor source) {
        return IndexingOps.scatterAdd(this, axis, index, source);
    }

    /**
     * This tensor plus the entries of {@code source} added along {@code axis} at the positions
     * {@code index} lists ({@code torch.Tensor.index_add(axis, index, source)}, {@code np.add.at}
     * along an axis): {@code y[..., index[i], ...] += source[..., i, ...]}, repeated indices
     * accumulating. Shapes: this {@code [..., n, ...]}, {@code index [k]}, {@code source [..., k,
     * ...]} -> this shape. A primitive ({@link IndexAdd}); the vjp is the cotangent for this
     * tensor and its {@link #indexSelect} for {@code source}.
     *
     * @throws IllegalArgumentException if the axis is out of range, the shapes do not fit, the
     *     dtypes differ or an index lies outside {@code [-n, n)}, naming it
     */
    public Tensor indexAdd(int axis, Tensor index, Tensor source) {
        return IndexingOps.indexAdd(this, axis, index, source);
    }

    /**
     * The elements where {@code mask} is nonzero, in row-major order ({@code
     * torch.masked_select(x, mask)}, NumPy's {@code x[mask]}); the mask and this tensor broadcast
     * together. Shapes: {@code x}, {@code mask} broadcastable -> {@code [count of nonzero]}; the
     * mask of any dtype (a 0/1 tensor from {@link #less} and friends; NaN counts as nonzero), never
     * differentiated. Composite ({@link IndexSelect}): the vjp scatters the cotangent back to the
     * selected positions, zeros elsewhere.
     *
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Tensor maskedSelect(Tensor mask) {
        return IndexingOps.maskedSelect(this, mask);
    }

    /**
     * One-hot vectors for integer class labels of any shape ({@code
     * torch.nn.functional.one_hot}): {@code y[..., c] = labels[...] == c ? 1 : 0}. Shapes: {@code
     * labels [...]} int32 or int64 -> {@code [..., numClasses]}, float64. Never differentiated.
     *
     * @throws IllegalArgumentException if {@code labels} is not an integer tensor, {@code
     *     numClasses < 1} or a label lies outside {@code 0..numClasses-1} (negative ones included),
     *     naming the label and its position
     */
    public static Tensor oneHot(Tensor labels, int numClasses) {
        return IndexingOps.oneHot(labels, numClasses);
    }

    /** {@link #oneHot(Tensor, int)} for labels given as a plain array. Shapes: {@code [n, k]}. */
    public static Tensor oneHot(int[] labels, int numClasses) {
        return IndexingOps.oneHot(ofInts(checkNotNull(labels, "oneHot: labels is null")),
                numClasses);
    }

    // ---------------------------------------------------------------- differentiation

    /** The same values without the graph: gradients do not flow through the result. */
    public Tensor stopGradient() {
        return node == null ? this : new Tensor(shape, dtype, storage, null);
    }

    /**
     * Marks a copy of this tensor as a leaf whose gradient {@link #backward()} returns (the tape
     * style of PyTorch). Nothing is stored on the tensor: gradients come back as a value.
     *
     * @throws IllegalArgumentException if the dtype is an integer dtype (not differentiable)
     */
    public Tensor requiresGrad() {
        checkDifferentiable("requiresGrad");
        return new Tensor(shape, dtype, storage, Node.leaf(Trace.TAPE, this));
    }

    /**
     * The gradients of this scalar with respect to every {@link #requiresGrad()} leaf it depends
     * on, by reverse-mode differentiation. Can be called any number of times; nothing accumulates.
     *
     * <p>As PyTorch's {@code autograd.grad} without {@code create_graph}, the tape does not record
     * the gradients that {@link Autodiff} returns: to differentiate a gradient, nest {@code
     * Autodiff} calls.
     *
     * @throws IllegalArgumentException if this tensor is not a scalar (shape {@code []})
     * @throws IllegalStateException if this tensor does not depend on any {@code requiresGrad()}
     *     leaf through operations the tape recorded (PyTorch: "does not require grad")
     */
    public Gradients backward() {
        checkArgument(rank() == 0, "backward: needs a scalar (shape []), got shape %s", shape);
        checkState(node != null && (node.levels & Trace.TAPE) != 0,
                "backward: the tape recorded no path from this scalar to a requiresGrad() leaf,"
                        + " so it has no gradients; values returned by Autodiff.grad, vjp and jvp"
                        + " are not recorded by the tape (nest Autodiff calls to differentiate a"
                        + " gradient)");
        return Backward.tape(this);
    }

    // ---------------------------------------------------------------- internals

    /** Applies {@code primitive}, recording a node when an input depends on an active level. */
    static Tensor apply(Primitive primitive, Tensor... inputs) {
        if (inputs[0] == null) {
            throw new NullPointerException(opName(primitive) + ": an input is null");
        }
        Shape[] shapes = new Shape[inputs.length];
        DType[] dtypes = new DType[inputs.length];
        boolean traced = false;
        boolean cutInput = false;
        for (int i = 0; i < inputs.length; i++) {
            Tensor input = inputs[i];
            // Checked by hand: building the op's name eagerly costs on every operation.
            if (input == null) {
                throw new NullPointerException(opName(primitive) + ": an input is null");
            }
            shapes[i] = input.shape;
            dtypes[i] = input.dtype;
            traced |= input.node != null;
            cutInput |= input.cut != null;
        }
        ImmutableList<Tensor> inputList = ImmutableList.copyOf(inputs);
        if (primitive instanceof CustomOp) {
            return applyCustom((CustomOp) primitive, inputList, traced);
        }
        DType dtype = primitive.outputDtype(Arrays.asList(dtypes));
        Shape expected = primitive.outputShape(Arrays.asList(shapes));
        if (!expected.fitsInArray()) {
            throw new IllegalArgumentException(opName(primitive) + ": the result shape " + expected
                    + " has more than 2^31 - 9 elements (a Java array's limit)");
        }
        Tensor value = primitive.forward(inputList);
        if (!value.shape.equals(expected) || value.dtype != dtype) {
            throw new IllegalStateException(primitive + ": forward gave " + value.shape + " "
                    + value.dtype + ", the rules say " + expected + " " + dtype);
        }
        if (Anomaly.checksOperations()) {
            Anomaly.check(opName(primitive), inputList, value);
        }
        Node node = traced && primitive.isDifferentiable() && dtype.isFloatingPoint()
                ? record(primitive, inputList) : null;
        boolean strong = StrongZeros.propagates(primitive, inputs);
        Cut cut = node == null && (traced || cutInput)
                ? Cut.after(primitive, inputs) : null;
        return node == null && !strong && cut == null ? value
                : new Tensor(value.shape, value.dtype, value.storage, node, strong, cut);
    }

    /**
     * A custom op: its forward runs on plain values with recording off (the user's rule, not the
     * trace of the forward computation, differentiates it), then the op is recorded like a
     * primitive.
     */
    private static Tensor applyCustom(CustomOp op, ImmutableList<Tensor> inputs, boolean traced) {
        ImmutableList.Builder<Tensor> plain = ImmutableList.builderWithExpectedSize(inputs.size());
        for (Tensor input : inputs) {
            plain.add(input.stopGradient());
        }
        ImmutableList<Tensor> plainInputs = plain.build();
        Tensor value = Trace.current().withoutRecording(() -> op.forward(plainInputs));
        if (value == null) {
            throw new NullPointerException(op.name() + ": forward returned null");
        }
        value = value.stopGradient();
        if (traced && !value.dtype.isFloatingPoint()) {
            throw new IllegalArgumentException(op.name() + ": forward returned a tensor of dtype "
                    + value.dtype + " for inputs being differentiated; integer results are not"
                    + " differentiable");
        }
        if (Anomaly.checksOperations()) {
            Anomaly.check(op.name(), inputs, value);
        }
        Node node = traced && value.dtype.isFloatingPoint() ? record(op, inputs) : null;
        return node == null ? value : new Tensor(value.shape, value.dtype, value.storage, node);
    }

    /**
     * The node of an operation on {@code inputs}, or null when no input is live (see {@link
     * Trace}). The node depends on the levels of the inputs that share its owner, and on the tape.
     */
    private static Node record(Primitive primitive, ImmutableList<Tensor> inputs) {
        Trace current = Trace.current();
        boolean tape = false;
        Node[] nodes = new Node[inputs.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = inputs.get(i).node;
            tape |= nodes[i] != null && current.liveTape(nodes[i]);
        }
        Trace owner = Trace.ownerOf(primitive, nodes);
        if (owner == null && !tape) {
            return null;
        }
        // Only live bits pass on: a stale or foreign bit would alias a level open later.
        long levels = 0;
        for (Node node : nodes) {
            if (node != null) {
                levels |= (node.owner == owner ? Trace.liveBits(node) : 0)
                        | (current.liveTape(node) ? Trace.TAPE : 0);
            }
        }
        return Node.operation(primitive, inputs, levels, owner);
    }

    /** A leaf of {@code level} with this tensor's values, standing for this tensor. */
    Tensor asLeaf(long level) {
        checkDifferentiable("autodiff");
        return new Tensor(shape, dtype, storage, Node.leaf(level, this));
    }

    private void checkDifferentiable(String op) {
        checkArgument(dtype.isFloatingPoint(),
                "%s: a tensor of dtype %s cannot be differentiated; integer tensors hold indices"
                        + " and labels (cast to float32 or float64 to differentiate)", op, dtype);
    }

    Node node() {
        return node;
    }

    /** Whether this cotangent's exact zeros are strong; see {@link StrongZeros}. */
    /** The operations that dropped the trace this value came from; null if none did. */
    Cut cut() {
        return cut;
    }

    /** This value, recording that {@code cut} dropped the trace it came from (null: none). */
    Tensor withCut(Cut cut) {
        return cut == null ? this : new Tensor(shape, dtype, storage, node, strongZeros, cut);
    }

    boolean strongZeros() {
        return strongZeros;
    }

    /** The same values and graph, with strong zeros; see {@link StrongZeros}. */
    Tensor withStrongZeros() {
        return strongZeros ? this : new Tensor(shape, dtype, storage, node, true, cut);
    }

    /**
     * The storage ({@code double[]}, {@code float[]}, {@code int[]} or {@code long[]} by dtype),
     * not copied: callers in this package must not write to it.
     */
    Object storage() {
        return storage;
    }

    /** {@code "reduceSum"} for {@code ReduceSum}: the record's name as a method name. */
    static String opName(Primitive primitive) {
        if (primitive instanceof CustomOp) {
            return ((CustomOp) primitive).name();
        }
        String name = primitive.getClass().getSimpleName();
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static void checkSameDtype(String op, Tensor a, Tensor b) {
        checkNotNull(b, "%s: other tensor is null", op);
        checkArgument(a.dtype == b.dtype,
                "%s: dtypes differ (%s and %s); cast explicitly", op, a.dtype, b.dtype);
    }

    /**
     * Checks the operands of a broadcasting binary operation, so that errors name the public
     * operation ({@code greater} runs {@link Less} with the operands swapped): the other tensor is
     * present, the dtypes are equal and the shapes broadcast. The primitives then broadcast in
     * place.
     */
    private static void checkBinary(String op, Tensor a, Tensor b) {
        checkNotNull(b, "%s: other tensor is null", op);
        checkSameDtype(op, a, b);
        if (!a.shape.equals(b.shape)) {
            Shape.broadcast(a.shape, b.shape, op);
        }
    }

    /**
     * NumPy-style text: {@code tensor([[1., 2.], [3., 4.]], dtype=float64)}, with the producing
     * operation when traced; long tensors show their leading and trailing values.
     */
    @Override
    public String toString() {
        return TensorFormat.format(this, node == null ? null : node.describe());
    }
}
