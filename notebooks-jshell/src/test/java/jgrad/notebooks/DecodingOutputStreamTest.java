package jgrad.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DecodingOutputStreamTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DecodingOutputStream stream = new DecodingOutputStream(
            new PrintStream(bytes, false, StandardCharsets.UTF_16BE));

    @Test
    void characterSplitAcrossWritesIsPrintedWhole() {
        byte[] utf8 = "a∂🙂b".getBytes(StandardCharsets.UTF_8);

        for (byte b : utf8) {
            stream.write(b);
        }

        assertEquals("a∂🙂b", bytes.toString(StandardCharsets.UTF_16BE));
    }

    @Test
    void charactersArePrintedAsSoonAsTheyAreComplete() {
        byte[] utf8 = "x∂".getBytes(StandardCharsets.UTF_8);

        stream.write(utf8, 0, 2);

        assertEquals("x", bytes.toString(StandardCharsets.UTF_16BE));
        stream.write(utf8, 2, 2);
        assertEquals("x∂", bytes.toString(StandardCharsets.UTF_16BE));
    }

    @Test
    void malformedInputBecomesTheReplacementCharacter() {
        stream.write(new byte[] {'a', (byte) 0xff, 'b'}, 0, 3);

        assertEquals("a\uFFFDb", bytes.toString(StandardCharsets.UTF_16BE));
    }
}
