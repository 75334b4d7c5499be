package jgrad.datasets;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A data set distributed as a training part and a test part, such as Fashion-MNIST. Split the
 * training part further for validation ({@link Split#stratified(Dataset,
 * java.util.random.RandomGenerator, double, double, double)} with a test fraction of 0), and keep
 * the test part for the final estimate.
 *
 * @param train the training samples
 * @param test  the test samples
 */
public record TrainTest(Dataset train, Dataset test) {

    /** @throws IllegalArgumentException if the parts differ in features or class names */
    public TrainTest {
        checkNotNull(train, "train");
        checkNotNull(test, "test");
        checkArgument(train.numFeatures() == test.numFeatures()
                        && train.classNames().equals(test.classNames()),
                "trainTest: the parts differ: train %s, test %s", train, test);
    }

    /** {@code TrainTest[train 60000, test 10000 samples; 784 features; 10 classes [...]]}. */
    @Override
    public String toString() {
        return "TrainTest[train " + train.size() + ", test " + test.size() + " samples; "
                + train.numFeatures() + " features; " + train.numClasses() + " classes "
                + train.classNames() + "]";
    }
}
