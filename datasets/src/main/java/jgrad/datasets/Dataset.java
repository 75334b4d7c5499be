package jgrad.datasets;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.util.List;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * A labelled classification data set: one row of features per sample and an integer class label
 * per sample. Immutable.
 *
 * <p>Shapes: {@code features [n, numFeatures]}, {@code labels [n]} with values in {@code
 * 0..classNames.size()-1}. Labels may also be given and taken as an int32 tensor ({@link
 * #of(Tensor, Tensor, List)}, {@link #labelTensor()}).
 *
 * @param features   the samples, one per row
 * @param labels     the class id of each sample
 * @param classNames the name of each class, indexed by class id
 */
public record Dataset(Tensor features, ImmutableIntArray labels, ImmutableList<String> classNames) {

    /**
     * @throws IllegalArgumentException if features are not 2-D, the row and label counts differ,
     *     or a label is outside {@code 0..classNames.size()-1} (naming it)
     */
    public Dataset {
        checkNotNull(features, "features");
        checkNotNull(labels, "labels");
        checkNotNull(classNames, "classNames");
        checkArgument(features.rank() == 2,
                "dataset: features must be [n, numFeatures], got %s", features.shape());
        checkArgument(features.shape().dim(0) == labels.length(),
                "dataset: %s feature rows but %s labels", features.shape().dim(0), labels.length());
        labels = labels.trimmed();
        for (int i = 0; i < labels.length(); i++) {
            int label = labels.get(i);
            checkArgument(0 <= label && label < classNames.size(),
                    "dataset: label %s at index %s is outside the valid range 0..%s",
                    label, i, classNames.size() - 1);
        }
    }

    /**
     * A data set whose labels are an int32 or int64 tensor {@code [n]}, such as {@code
     * logits.argmax(1)} or an {@code NdArray} read from a file.
     *
     * @throws IllegalArgumentException if the labels are not a 1-D integer tensor, or as the
     *     canonical constructor
     */
    public static Dataset of(Tensor features, Tensor labels, List<String> classNames) {
        return new Dataset(features, IntegerLabels.of(labels, "dataset"),
                ImmutableList.copyOf(classNames));
    }

    /** The labels as an int32 tensor. Shapes: {@code [n]}. */
    public Tensor labelTensor() {
        return Tensor.ofInts(labels.toArray());
    }

    /** The number of samples. */
    public int size() {
        return labels.length();
    }

    /** The number of features per sample. */
    public int numFeatures() {
        return features.shape().dim(1);
    }

    /** The number of classes. */
    public int numClasses() {
        return classNames.size();
    }

    /**
     * The encoder between class names and ids: {@code labelEncoder().decode(predictedIds)} names
     * predicted classes.
     *
     * @throws IllegalArgumentException if the class names are not distinct
     */
    public LabelEncoder labelEncoder() {
        return LabelEncoder.of(classNames);
    }

    /** The labels as one-hot rows. Shapes: {@code [n, numClasses]}. */
    public Tensor oneHotLabels() {
        return Tensor.oneHot(labels, numClasses());
    }

    /** The same samples with other features (e.g. standardised), of the same row count. */
    public Dataset withFeatures(Tensor newFeatures) {
        return new Dataset(newFeatures, labels, classNames);
    }

    /**
     * The same samples with features standardised per column by a {@link ZScore} fitted on this
     * data set itself ({@code ddof = 0}; constant columns become 0). Handy for quick experiments
     * on all samples; to evaluate a model, fit on the training part only with {@link
     * Split#standardized()} instead.
     *
     * @throws IllegalArgumentException if the data set has no samples
     */
    public Dataset standardized() {
        return ZScore.fit(features).apply(this);
    }

    /**
     * The samples at {@code indices}, in that order (repeats allowed).
     *
     * @throws IndexOutOfBoundsException if an index is outside {@code 0..size()-1}
     */
    public Dataset subset(ImmutableIntArray indices) {
        int columns = numFeatures();
        double[] source = features.toArray();
        double[] rows = new double[indices.length() * columns];
        int[] picked = new int[indices.length()];
        for (int i = 0; i < indices.length(); i++) {
            int index = checkElementIndex(indices.get(i), size(), "sample index");
            System.arraycopy(source, index * columns, rows, i * columns, columns);
            picked[i] = labels.get(index);
        }
        return new Dataset(Tensor.of(rows, Shape.of(indices.length(), columns), features.dtype()),
                ImmutableIntArray.copyOf(picked), classNames);
    }

    /** {@code Dataset[150 samples x 4 features, 3 classes [setosa, versicolor, virginica]]}. */
    @Override
    public String toString() {
        return "Dataset[" + size() + " samples x " + numFeatures() + " features, " + numClasses()
                + " classes " + classNames + "]";
    }
}
