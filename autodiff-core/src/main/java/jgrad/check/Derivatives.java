package jgrad.check;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import jgrad.core.Autodiff;
import jgrad.core.Params;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Vjp;

/**
 * The derivative under test at one point, as each method needs it: the Jacobian of an input
 * ({@code [outputSize][inputSize]}, row-major), {@code u^T J} for the check's cotangent {@code
 * u}, and {@code u^T J v}. Each source (jgrad's reverse or forward mode, or a function you
 * supplied) computes what is asked, once.
 */
abstract class Derivatives {

    final Params params;
    final Tensor output;
    final Tensor cotangent;
    private final Map<String, double[]> jacobians = new HashMap<>();
    private final Map<String, double[]> cotangents = new HashMap<>();

    Derivatives(Params params, Tensor output, Tensor cotangent) {
        this.params = params;
        this.output = output;
        this.cotangent = cotangent;
    }


    /** The Jacobian of {@code f} with respect to input {@code path}, {@code [out][in]} flat. */
    final double[] jacobian(String path) {
        return jacobians.computeIfAbsent(path, this::computeJacobian);
    }

    /** {@code u^T J} for input {@code path}. */
    final double[] cotangent(String path) {
        return cotangents.computeIfAbsent(path, this::computeCotangent);
    }

    /** {@code u^T J v} for input {@code path}. */
    double projection(String path, double[] direction) {
        double[] row = cotangent(path);
        double sum = 0;
        for (int i = 0; i < row.length; i++) {
            sum += row[i] * direction[i];
        }
        return sum;
    }

    abstract double[] computeJacobian(String path);

    /** By default from the Jacobian: {@code sum_j u_j J[j, :]}. */
    double[] computeCotangent(String path) {
        double[] jacobian = jacobian(path);
        double[] u = cotangent.toArray();
        int in = params.get(path).size();
        double[] row = new double[in];
        for (int j = 0; j < u.length; j++) {
            for (int i = 0; i < in; i++) {
                row[i] += u[j] * jacobian[j * in + i];
            }
        }
        return row;
    }

    /** The basis cotangent {@code e_j} of the output's shape and dtype. */
    final Tensor basis(int j) {
        double[] values = new double[output.size()];
        values[j] = 1;
        return Tensor.of(values, output.shape(), output.dtype());
    }

    /** A Jacobian assembled from one row per output element. */
    static double[] fromRows(double[][] rows, int in) {
        double[] jacobian = new double[rows.length * in];
        for (int j = 0; j < rows.length; j++) {
            System.arraycopy(rows[j], 0, jacobian, j * in, in);
        }
        return jacobian;
    }

    /** jgrad's reverse mode: rows {@code e_j^T J} and {@code u^T J} from one pullback each. */
    static final class Reverse extends Derivatives {
        private final Vjp<Params> vjp;
        private Params[] rows;

        /** Traces {@code f} at {@code params}; {@link #output} is {@code f(params)}, untraced. */
        Reverse(Function<Params, Tensor> f, Params params) {
            this(Autodiff.vjp(f, params), params, null);
        }

        private Reverse(Vjp<Params> vjp, Params params, Tensor cotangent) {
            super(params, vjp.output().stopGradient(), cotangent);
            this.vjp = vjp;
        }

        /** The same trace, with the check's cotangent {@code u}. */
        Reverse at(Tensor cotangent) {
            return new Reverse(vjp, params, cotangent);
        }

        @Override
        double[] computeJacobian(String path) {
            if (rows == null) {
                rows = new Params[output.size()];
                for (int j = 0; j < rows.length; j++) {
                    rows[j] = vjp.pullback().apply(basis(j));
                }
            }
            int in = params.get(path).size();
            double[][] values = new double[rows.length][];
            for (int j = 0; j < rows.length; j++) {
                values[j] = rows[j].get(path).toArray();
            }
            return fromRows(values, in);
        }

        @Override
        double[] computeCotangent(String path) {
            return vjp.pullback().apply(cotangent).get(path).toArray();
        }
    }

    /**
     * jgrad's forward mode: columns {@code J e_i} from {@code Autodiff.jvp} of {@code f} as a
     * function of one input, the others held.
     */
    static final class Forward extends Derivatives {
        private final Function<Params, Tensor> f;

        Forward(Function<Params, Tensor> f, Params params, Tensor output, Tensor cotangent) {
            super(params, output, cotangent);
            this.f = f;
        }

        private double[] jvp(String path, Tensor tangent) {
            return Autodiff.jvp(t -> f.apply(GradChecker.replace(params, path, t)),
                    params.get(path), tangent).tangent().toArray();
        }

        @Override
        double[] computeJacobian(String path) {
            Tensor x = params.get(path);
            int in = x.size();
            int out = output.size();
            double[] jacobian = new double[out * in];
            for (int i = 0; i < in; i++) {
                double[] basis = new double[in];
                basis[i] = 1;
                double[] column = jvp(path, Tensor.of(basis, x.shape(), x.dtype()));
                for (int j = 0; j < out; j++) {
                    jacobian[j * in + i] = column[j];
                }
            }
            return jacobian;
        }

        @Override
        double projection(String path, double[] direction) {
            Tensor x = params.get(path);
            double[] column = jvp(path, Tensor.of(direction, x.shape(), x.dtype()));
            double[] u = cotangent.toArray();
            double sum = 0;
            for (int j = 0; j < u.length; j++) {
                sum += u[j] * column[j];
            }
            return sum;
        }
    }

    /** A gradient, Jacobian or vjp you supplied, with its shapes checked. */
    static final class Supplied extends Derivatives {
        private final Function<Tensor, Params> vjp;
        private final Params jacobian;
        private final String what;

        /** From your Jacobian (or gradient): each entry shaped {@code output ++ input}. */
        Supplied(String what, Params jacobian, Params params, Tensor output, Tensor cotangent) {
            super(params, output, cotangent);
            this.what = what;
            this.jacobian = jacobian;
            this.vjp = null;
            checkPaths(jacobian);
            for (String path : params.paths()) {
                Shape expected = concat(output.shape(), params.get(path).shape());
                Shape got = jacobian.get(path).shape();
                checkArgument(got.equals(expected) || (output.size() == 1
                                && got.equals(params.get(path).shape())),
                        "gradient check: your %s for %s has shape %s; expected %s (output shape %s"
                                + " followed by the input's shape %s)", what, path, got, expected,
                        output.shape(), params.get(path).shape());
            }
        }

        /** From your vjp: rows from basis cotangents, {@code u^T J} from {@code u}. */
        Supplied(Function<Tensor, Params> vjp, Params params, Tensor output, Tensor cotangent) {
            super(params, output, cotangent);
            this.what = "vjp";
            this.vjp = vjp;
            this.jacobian = null;
        }

        private Params callVjp(Tensor u) {
            Params result = vjp.apply(u);
            checkPaths(result);
            for (String path : params.paths()) {
                checkArgument(result.get(path).shape().equals(params.get(path).shape()),
                        "gradient check: your vjp for %s has shape %s; expected the input's shape"
                                + " %s", path, result.get(path).shape(), params.get(path).shape());
            }
            return result;
        }

        private void checkPaths(Params result) {
            checkArgument(result != null && result.paths().equals(params.paths()),
                    "gradient check: your %s has inputs %s; expected %s", what,
                    result == null ? null : result.paths(), params.paths());
        }

        @Override
        double[] computeJacobian(String path) {
            if (jacobian != null) {
                return jacobian.get(path).toArray();
            }
            int in = params.get(path).size();
            double[][] rows = new double[output.size()][];
            for (int j = 0; j < rows.length; j++) {
                rows[j] = callVjp(basis(j)).get(path).toArray();
            }
            return fromRows(rows, in);
        }

        @Override
        double[] computeCotangent(String path) {
            return vjp != null ? callVjp(cotangent).get(path).toArray()
                    : super.computeCotangent(path);
        }

        private static Shape concat(Shape a, Shape b) {
            int[] dims = new int[a.rank() + b.rank()];
            System.arraycopy(a.dims().toArray(), 0, dims, 0, a.rank());
            System.arraycopy(b.dims().toArray(), 0, dims, a.rank(), b.rank());
            return Shape.of(dims);
        }
    }
}
