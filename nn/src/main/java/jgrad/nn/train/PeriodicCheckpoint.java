package jgrad.nn.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import jgrad.nn.io.Checkpoint;

/**
 * Saves a {@link Checkpoint} (parameters, layer state, optimiser state and the epoch's numbers
 * as metadata) every {@code everyEpochs} epochs, to {@code folder/epoch-0005.safetensors}
 * (Keras's {@code ModelCheckpoint}). Files are written atomically; the folder is created if it
 * is missing. Resume a run with {@code Checkpoint.load(file)}: {@code restore(model)} and {@code
 * optimizerState(optimizer)}.
 *
 * <p>Metadata: {@code epoch}, {@code step}, {@code train_loss}, {@code validation_loss}, {@code
 * validation_accuracy} (as Java prints doubles, so they read back exactly).
 *
 * @param folder      where the files go
 * @param everyEpochs the period, {@code >= 1}: epochs {@code everyEpochs}, {@code 2 ·
 *                    everyEpochs}, ... are saved
 */
public record PeriodicCheckpoint(Path folder, int everyEpochs) implements Callback {

    /** @throws IllegalArgumentException if {@code everyEpochs < 1} */
    public PeriodicCheckpoint {
        checkNotNull(folder, "periodicCheckpoint: folder is null");
        checkArgument(everyEpochs >= 1, "periodicCheckpoint: everyEpochs must be >= 1, got %s",
                everyEpochs);
    }

    /** The file of {@code epoch}: {@code folder/epoch-0005.safetensors}. */
    public Path file(int epoch) {
        return folder.resolve(String.format(Locale.ROOT, "epoch-%04d.safetensors", epoch));
    }

    /**
     * Saves the checkpoint of every {@code everyEpochs}-th epoch.
     *
     * @throws UncheckedIOException if the folder cannot be created or the file written
     */
    @Override
    public Decision afterEpoch(EpochEnd end) {
        if (end.epoch() % everyEpochs != 0) {
            return Decision.proceed();
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("periodicCheckpoint: cannot create " + folder, e);
        }
        EpochRecord record = end.record();
        Checkpoint.of(end.model())
                .withOptimizerState(end.optimizerState())
                .withMetadata(ImmutableMap.of(
                        "epoch", String.valueOf(record.epoch()),
                        "step", String.valueOf(end.step()),
                        "train_loss", String.valueOf(record.trainLoss()),
                        "validation_loss", String.valueOf(record.validationLoss()),
                        "validation_accuracy", String.valueOf(record.validationAccuracy())))
                .save(file(end.epoch()));
        return Decision.proceed();
    }
}
