/**
 * Data for training: labelled data sets ({@link jgrad.datasets.Dataset}, {@link
 * jgrad.datasets.RegressionData}), splits (random or stratified, by fractions or counts) and
 * k-fold indices, preprocessing fitted on the training split and applied as pure functions with
 * inverses ({@link jgrad.datasets.ZScore}, {@link jgrad.datasets.MinMax}, {@link
 * jgrad.datasets.OneHot}, {@link jgrad.datasets.LabelEncoder}), shuffled mini-batches and the
 * epoch/batch/iteration count ({@link jgrad.datasets.Batches}, {@link jgrad.datasets.EpochPlan}),
 * bundled and installed real data sets ({@link jgrad.datasets.Datasets}) and seeded synthetic
 * ones ({@link jgrad.datasets.Synthetic}). File formats are in {@link jgrad.datasets.io}.
 */
package jgrad.datasets;
