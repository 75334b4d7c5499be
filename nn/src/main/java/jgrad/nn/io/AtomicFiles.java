package jgrad.nn.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/** Atomic file replacement: a temporary file in the target's folder, forced, then moved over it. */
final class AtomicFiles {

    private AtomicFiles() {}

    /** What goes into the file. */
    @FunctionalInterface
    interface Body {
        void writeTo(FileChannel channel) throws IOException;
    }

    /**
     * Writes {@code body} to a new temporary file beside {@code file} (named {@code
     * .<name>.<uuid>.tmp}), forces it to the device and moves it over {@code file} with {@code
     * ATOMIC_MOVE} (which replaces an existing file on POSIX systems). On any failure the
     * temporary file is deleted and {@code file} is untouched.
     *
     * @param format the format's name for messages ({@code "safetensors"})
     * @throws UncheckedIOException if writing or moving fails, naming the file and the reason
     */
    static void write(Path file, String format, Body body) {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        Path temporary = directory.resolve(
                "." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(
                    temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                body.writeTo(channel);
                channel.force(true);
            }
            Files.move(temporary, target,
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temporary, e);
            String reason = e instanceof NoSuchFileException && !Files.isDirectory(directory)
                    ? "no such directory " + directory
                    : Safetensors.describe(e);
            throw new UncheckedIOException(format + ": cannot write " + file + ": " + reason, e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(temporary, e);
            throw e;
        }
    }

    private static void deleteQuietly(Path temporary, Throwable cause) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException suppressed) {
            cause.addSuppressed(suppressed);
        }
    }
}
