package jgrad.notebooks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes UTF-8 bytes and prints the characters to a {@link PrintStream}, which encodes them in
 * its own charset, flushing after every write: what a snippet prints in the JShell VM reaches
 * the runner's stream as if printed there. A character split across writes is held back until
 * its last byte arrives; malformed input becomes U+FFFD.
 */
final class DecodingOutputStream extends OutputStream {

    // A UTF-8 sequence has at most 4 bytes, so at most 3 wait for the next write.
    private static final int MAX_PENDING = 3;

    private final PrintStream target;
    private final CharsetDecoder decoder = UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer pending = ByteBuffer.allocate(MAX_PENDING);

    /**
     * Prints to {@code target}.
     *
     * @throws NullPointerException if {@code target} is null
     */
    DecodingOutputStream(PrintStream target) {
        this.target = requireNonNull(target, "target");
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        ByteBuffer input = ByteBuffer.allocate(pending.position() + length);
        input.put(pending.flip()).put(bytes, offset, length).flip();
        pending.clear();
        CharBuffer chars = CharBuffer.allocate(input.remaining());
        decoder.decode(input, chars, false);
        // Only an unfinished sequence (at most 3 bytes) is left over.
        pending.put(input);
        target.print(chars.flip().toString());
        target.flush();
    }

    @Override
    public void flush() {
        target.flush();
    }
}
