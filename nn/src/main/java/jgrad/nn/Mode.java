package jgrad.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.random.RandomGenerator;

/**
 * Whether a forward pass trains or evaluates, as PyTorch's {@code module.train()} / {@code
 * module.eval()}, but passed as an argument instead of a flag stored on the layers.
 *
 * <p>{@link #EVALUATION}: deterministic; dropout is the identity and batch normalisation uses its
 * running statistics ({@link Layer#apply} is always this mode). {@link #training}: dropout draws
 * its masks from the given generator and batch normalisation normalises with the batch's
 * statistics and returns updated running statistics as new state ({@link Layer#forward}).
 *
 * <pre>{@code
 * jshell> var out = model.forward(x, Mode.training(new SplittableRandom(0)));
 * jshell> model = model.withState(out.state());
 * }</pre>
 */
public sealed interface Mode permits Mode.Training, Mode.Evaluation {

    /** Evaluation (inference): no randomness, running statistics. */
    Mode EVALUATION = new Evaluation();

    /**
     * Training, with random draws (dropout masks) from {@code rng}, in the order the layers are
     * applied: equal seeds give equal outputs.
     *
     * @throws NullPointerException if {@code rng} is null
     */
    static Mode training(RandomGenerator rng) {
        return new Training(rng);
    }

    /** True in training mode. */
    boolean isTraining();

    /**
     * Training mode.
     *
     * @param rng the source of the layers' random draws
     */
    record Training(RandomGenerator rng) implements Mode {

        /** @throws NullPointerException if {@code rng} is null */
        public Training {
            checkNotNull(rng, "mode: the training rng is null");
        }

        @Override
        public boolean isTraining() {
            return true;
        }

        /** {@code training}. */
        @Override
        public String toString() {
            return "training";
        }
    }

    /** Evaluation mode; use {@link Mode#EVALUATION}. */
    record Evaluation() implements Mode {

        @Override
        public boolean isTraining() {
            return false;
        }

        /** {@code evaluation}. */
        @Override
        public String toString() {
            return "evaluation";
        }
    }
}
