package jgrad.datasets;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.primitives.ImmutableIntArray;

/**
 * One fold of a cross-validation: the sample indices to train on and the held-out indices to
 * validate on, disjoint, each in increasing order. Made by {@link Folds}.
 *
 * @param train      the indices of the training samples
 * @param validation the indices of the held-out samples
 */
public record Fold(ImmutableIntArray train, ImmutableIntArray validation) {

    /** Keeps trimmed copies of the indices. */
    public Fold {
        train = checkNotNull(train, "train").trimmed();
        validation = checkNotNull(validation, "validation").trimmed();
    }

    /** The training samples of {@code data}: {@code data.subset(train())}. */
    public Dataset trainOf(Dataset data) {
        return checkNotNull(data, "data").subset(train);
    }

    /** The held-out samples of {@code data}: {@code data.subset(validation())}. */
    public Dataset validationOf(Dataset data) {
        return checkNotNull(data, "data").subset(validation);
    }

    /** {@code Fold[train 120, validation 30]}. */
    @Override
    public String toString() {
        return "Fold[train " + train.length() + ", validation " + validation.length() + "]";
    }
}
