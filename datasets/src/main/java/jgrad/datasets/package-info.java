/**
 * Data for training: labelled data sets, splits, scaling fitted on the training split, one-hot
 * encoding, shuffled mini-batches, readers of file formats and small bundled real data sets.
 */
package jgrad.datasets;
