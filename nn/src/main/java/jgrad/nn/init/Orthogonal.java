package jgrad.nn.init;

import java.util.random.RandomGenerator;

/** The matrix arithmetic behind {@link Init#orthogonal}, on plain row-major arrays. */
final class Orthogonal {

    private Orthogonal() {}

    /**
     * A {@code [rows, cols]} matrix, row-major, with orthonormal rows ({@code rows <= cols}) or
     * orthonormal columns ({@code rows > cols}): the {@code Q} of a Gaussian matrix.
     */
    static double[] draw(int rows, int cols, RandomGenerator rng) {
        double[] gaussian = new double[rows * cols];
        for (int i = 0; i < gaussian.length; i++) {
            gaussian[i] = rng.nextGaussian();
        }
        if (rows >= cols) {
            // Columns of the [rows, cols] matrix: column j holds gaussian[i * cols + j].
            double[][] columns = new double[cols][rows];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    columns[j][i] = gaussian[i * cols + j];
                }
            }
            orthonormalise(columns);
            double[] out = new double[rows * cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    out[i * cols + j] = columns[j][i];
                }
            }
            return out;
        }
        // rows < cols: orthonormalise the columns of the transpose, i.e. the rows.
        double[][] rowVectors = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(gaussian, i * cols, rowVectors[i], 0, cols);
        }
        orthonormalise(rowVectors);
        double[] out = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(rowVectors[i], 0, out, i * cols, cols);
        }
        return out;
    }

    /**
     * Replaces the linearly independent {@code vectors} by the orthonormal ones of modified
     * Gram-Schmidt, run twice per vector ("twice is enough": Giraud et al., Numerische
     * Mathematik 101, 2005), so orthogonality holds to a few ulps. The result is the {@code Q} of
     * the QR decomposition whose {@code R} has a positive diagonal.
     */
    static void orthonormalise(double[][] vectors) {
        for (int j = 0; j < vectors.length; j++) {
            double[] v = vectors[j];
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < j; i++) {
                    double projection = dot(vectors[i], v);
                    for (int k = 0; k < v.length; k++) {
                        v[k] -= projection * vectors[i][k];
                    }
                }
            }
            double norm = Math.sqrt(dot(v, v));
            if (!(norm > 0)) {
                throw new IllegalStateException(
                        "orthogonal: the Gaussian draw was rank-deficient at vector " + j);
            }
            for (int k = 0; k < v.length; k++) {
                v[k] /= norm;
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }
}
