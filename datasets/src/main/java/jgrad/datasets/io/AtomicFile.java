package jgrad.datasets.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file atomically: the content goes to a new temporary file in the target's directory,
 * is forced to the device, then moved over the target with {@code ATOMIC_MOVE} (which replaces an
 * existing file on POSIX systems). Readers see the old file or the complete new one, never a
 * partial one; on failure the temporary file is deleted and the target is untouched.
 */
final class AtomicFile {

    /** Writes the content to a stream that the caller must not close. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {}

    /**
     * Writes {@code content} to {@code path} atomically.
     *
     * @param format the format's name for error messages ({@code "npy"}, {@code "csv"}, ...)
     * @throws UncheckedIOException if writing or the move fails (a missing directory says {@code
     *     no such directory}); runtime exceptions of {@code content} pass through unchanged
     */
    static void write(Path path, String format, Content content) {
        Path target = path.toAbsolutePath();
        Path directory = target.getParent();
        Path temporary = directory.resolve(
                "." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(
                    temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, target,
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temporary, e);
            String reason = e instanceof NoSuchFileException && !Files.isDirectory(directory)
                    ? "no such directory " + directory
                    : describe(e);
            throw new UncheckedIOException(format + ": cannot write " + path + ": " + reason, e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(temporary, e);
            throw e;
        }
    }

    /** A short reason for an I/O failure: "no such file" rather than the bare path. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    private static void deleteQuietly(Path temporary, Throwable failure) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
