package jgrad.nn.train;

/** What a run's learning curves say about the fit ({@link Diagnosis}). */
public enum FittingRegime {
    /**
     * The model has not learnt the training data well: both losses stay high, or the training
     * loss is still falling when training ends (a bigger model, or more epochs).
     */
    UNDER_FITTING,
    /** Both losses fell and settled, and the validation loss did not climb back. */
    GOOD_FIT,
    /**
     * The validation loss reached its minimum and then rose clearly while the training loss kept
     * falling: the model learns the training set's particulars (stop earlier, regularise, get
     * more data, or a smaller model).
     */
    OVER_FITTING,
    /**
     * The optimisation failed: a loss became NaN or infinite, or the training loss grew by an
     * order of magnitude or more above its lowest value and above where it started. This is
     * neither under- nor over-fitting, and more epochs or another model size will not help: lower
     * the learning rate, clip the gradients ({@code Optimizers.clipByGlobalNorm}), or look for a
     * log of 0 or a division by 0 in the loss.
     */
    DIVERGED,
    /**
     * The optimisation is unstable: the training loss jumped up between epochs (by more than 30
     * % with the default thresholds) although it did not blow up. Over- and under-fitting never
     * raise the training loss, so the validation curve of such a run says nothing about the fit:
     * the steps overshoot. Lower the learning rate or clip the gradients.
     */
    UNSTABLE,
    /**
     * Fewer than two epochs were recorded and they show no divergence: the regimes are read from
     * trends, which one epoch does not have. Train for more epochs.
     */
    TOO_FEW_EPOCHS
}
