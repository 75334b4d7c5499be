package jgrad.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path directory;

    @Test
    void aWriteThatFailsHalfwayLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = directory.resolve("data.npy");
        Files.writeString(file, "old content");
        UncheckedIOException io = assertThrows(UncheckedIOException.class,
                () -> AtomicFile.write(file, "npy", out -> {
                    out.write("half of the new".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    throw new IOException("disk full");
                }));
        assertEquals("npy: cannot write " + file + ": disk full", io.getMessage());
        assertThrows(IllegalStateException.class, () -> AtomicFile.write(file, "npy", out -> {
            out.write(1);
            throw new IllegalStateException("bug");
        }));
        assertEquals("old content", Files.readString(file));
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(file), files.toList());
        }
        AtomicFile.write(file, "npy", out -> out.write("new".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("new", Files.readString(file));
        assertTrue(Files.isRegularFile(file));
    }
}
