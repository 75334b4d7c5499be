package jgrad.nn.train;

/**
 * A batch's forward and backward pass is done; its update is next ({@link Callback#afterBatch}).
 *
 * @param epoch       the epoch, from 1
 * @param batch       the batch within the epoch, from 1
 * @param batches     the number of batches in the epoch
 * @param step        the updates applied so far in the run (before this batch's)
 * @param loss        this batch's loss, before its update
 * @param runningLoss the mean of this epoch's batch losses so far, this one included
 */
public record BatchEnd(int epoch, int batch, int batches, long step, double loss,
        double runningLoss) {}
