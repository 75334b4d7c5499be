package jgrad.nn.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * Reads and writes the safetensors format of the Hugging Face ecosystem (also tinygrad's and
 * candle's): an 8-byte little-endian unsigned header length {@code N}; {@code N} bytes of UTF-8
 * JSON mapping each tensor name to {@code {"dtype": "F64", "shape": [2, 3], "data_offsets":
 * [begin, end]}}, with an optional {@code "__metadata__"} object of string values; then the
 * byte buffer, each tensor's values little-endian in row-major order at {@code [begin, end)}
 * relative to the buffer's start. The specification is the README of github.com/huggingface/
 * safetensors ("Format").
 *
 * <p>jgrad reads and writes {@code F64}, {@code F32}, {@code I64} and {@code I32} (its float64,
 * float32, int64 and int32 tensors); a file with another dtype (F16, BF16, U8, ...) is refused,
 * naming the tensor and its dtype.
 *
 * <p><b>Reading</b> validates everything before allocating any tensor: the header length
 * (against the file size and the reference implementation's 100 MB limit), the header (UTF-8,
 * one JSON object starting with {@code '{'}, no duplicate keys, only the three fields per tensor,
 * string metadata), each shape against its dtype and byte range, and the ranges together: they
 * must tile the byte buffer exactly, in some order, with no gap, no overlap and nothing after
 * (the specification's rule that the buffer be "entirely indexed", which keeps polyglot files
 * out). A file that breaks a rule is refused with an {@link IllegalArgumentException} naming the
 * file and the rule.
 *
 * <p><b>Writing</b> is atomic: the file is written to a temporary file in the same folder, forced
 * to the device and moved over the target, so a reader sees the old file or the new one, never
 * part of one. The header is padded with spaces so that the buffer starts at a multiple of 8
 * bytes, as the reference writer does.
 *
 * <pre>{@code
 * jshell> Safetensors.write(Path.of("model.safetensors"), model.params().asMap(), Map.of());
 * jshell> Safetensors.read(Path.of("model.safetensors")).tensors().keySet()
 * $2 ==> [0.weight, 0.bias, 2.weight, 2.bias]
 * }</pre>
 */
public final class Safetensors {

    /** The largest header read, in bytes: the reference implementation's limit. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final String METADATA = "__metadata__";

    /** Element sizes of every dtype of the specification, to describe files jgrad cannot read. */
    private static final ImmutableMap<String, Integer> SPEC_DTYPE_BYTES = ImmutableMap
            .<String, Integer>builder()
            .put("BOOL", 1).put("U8", 1).put("I8", 1).put("F8_E5M2", 1).put("F8_E4M3", 1)
            .put("I16", 2).put("U16", 2).put("F16", 2).put("BF16", 2)
            .put("I32", 4).put("U32", 4).put("F32", 4)
            .put("I64", 8).put("U64", 8).put("F64", 8)
            .buildOrThrow();

    private Safetensors() {}

    // ---------------------------------------------------------------- writing

    /**
     * Writes {@code tensors} (in iteration order, which is the order of the header and the
     * buffer) and {@code metadata} to {@code file}, atomically. Float64 tensors are written as
     * {@code F64}, float32 as {@code F32}, int64 as {@code I64} and int32 as {@code I32}; values
     * are written as they are (NaN and infinities included, as the specification allows).
     *
     * @throws IllegalArgumentException if a name is empty or {@code "__metadata__"}, or a
     *     metadata key or value is null
     * @throws UncheckedIOException if writing or the final move fails (the target is then
     *     untouched and the temporary file removed), naming the file
     */
    public static void write(Path file, Map<String, Tensor> tensors,
            Map<String, String> metadata) {
        checkNotNull(file, "safetensors: file is null");
        checkNotNull(tensors, "safetensors: tensors is null");
        checkNotNull(metadata, "safetensors: metadata is null");
        List<Map.Entry<String, Tensor>> entries = new ArrayList<>(tensors.entrySet());
        for (Map.Entry<String, Tensor> entry : entries) {
            checkArgument(entry.getKey() != null && !entry.getKey().isEmpty(),
                    "safetensors: a tensor name is empty or null");
            checkArgument(!entry.getKey().equals(METADATA),
                    "safetensors: %s is reserved for the metadata, not a tensor name", METADATA);
            checkNotNull(entry.getValue(), "safetensors: no tensor at %s", entry.getKey());
        }
        metadata.forEach((key, value) -> checkArgument(key != null && value != null,
                "safetensors: metadata keys and values must not be null, got %s=%s", key,
                value));
        byte[] header = header(entries, metadata);
        AtomicFiles.write(file, "safetensors", channel -> {
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            prefix.putLong(header.length).flip();
            writeFully(channel, prefix);
            writeFully(channel, ByteBuffer.wrap(header));
            for (Map.Entry<String, Tensor> entry : entries) {
                writeValues(channel, entry.getValue());
            }
        });
    }

    /** The JSON header, padded with spaces to make {@code 8 + length} a multiple of 8. */
    private static byte[] header(List<Map.Entry<String, Tensor>> entries,
            Map<String, String> metadata) {
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.setHtmlSafe(false);
            json.beginObject();
            if (!metadata.isEmpty()) {
                json.name(METADATA).beginObject();
                for (Map.Entry<String, String> entry : metadata.entrySet()) {
                    json.name(entry.getKey()).value(entry.getValue());
                }
                json.endObject();
            }
            long offset = 0;
            for (Map.Entry<String, Tensor> entry : entries) {
                Tensor tensor = entry.getValue();
                long bytes = (long) tensor.size() * bytesPerElement(tensor.dtype());
                json.name(entry.getKey()).beginObject();
                json.name("dtype").value(dtypeName(tensor.dtype()));
                json.name("shape").beginArray();
                for (int d : tensor.shape().toArray()) {
                    json.value(d);
                }
                json.endArray();
                json.name("data_offsets").beginArray().value(offset).value(offset + bytes)
                        .endArray();
                json.endObject();
                offset += bytes;
            }
            json.endObject();
        } catch (IOException e) {
            throw new IllegalStateException("safetensors: writing JSON to memory failed", e);
        }
        byte[] json = text.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] header = new byte[padded];
        System.arraycopy(json, 0, header, 0, json.length);
        for (int i = json.length; i < padded; i++) {
            header[i] = ' ';
        }
        return header;
    }

    private static void writeValues(FileChannel channel, Tensor tensor) throws IOException {
        int width = bytesPerElement(tensor.dtype());
        int count = tensor.size();
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(width, Math.min(1 << 16,
                count * width))).order(ByteOrder.LITTLE_ENDIAN);
        double[] doubles = tensor.dtype() == DType.FLOAT64 ? tensor.toArray() : null;
        float[] floats = tensor.dtype() == DType.FLOAT32 ? tensor.toFloatArray() : null;
        int[] ints = tensor.dtype() == DType.INT32 ? tensor.toIntArray() : null;
        long[] longs = tensor.dtype() == DType.INT64 ? tensor.toLongArray() : null;
        for (int i = 0; i < count; i++) {
            if (buffer.remaining() < width) {
                buffer.flip();
                writeFully(channel, buffer);
                buffer.clear();
            }
            if (doubles != null) {
                buffer.putDouble(doubles[i]);
            } else if (floats != null) {
                buffer.putFloat(floats[i]);
            } else if (ints != null) {
                buffer.putInt(ints[i]);
            } else {
                buffer.putLong(longs[i]);
            }
        }
        buffer.flip();
        writeFully(channel, buffer);
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads every tensor and the metadata of {@code file}, after validating the whole header
     * (see the class description). Tensors come in header order; float64 for {@code F64},
     * float32 for {@code F32}.
     *
     * @throws IllegalArgumentException if the file is not a valid safetensors file or holds a
     *     dtype jgrad does not read, naming the file and what is wrong
     * @throws UncheckedIOException if the file cannot be read, naming it
     */
    public static SafetensorsFile read(Path file) {
        checkNotNull(file, "safetensors: file is null");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw invalid(file, "the file has " + size + " bytes, fewer than the 8 of the"
                        + " header length (truncated or not a safetensors file)");
            }
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, prefix, 0, file);
            long headerLength = prefix.flip().getLong();
            if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
                throw invalid(file, "the header length " + Long.toUnsignedString(headerLength)
                        + " is above the limit of " + MAX_HEADER_BYTES + " bytes (corrupt or not"
                        + " a safetensors file)");
            }
            if (headerLength > size - 8) {
                throw invalid(file, "the header length " + headerLength + " exceeds the "
                        + (size - 8) + " bytes after the length (truncated?)");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(channel, headerBytes, 8, file);
            String headerText = decodeUtf8(headerBytes.flip(), file);
            long bufferStart = 8 + headerLength;
            Header header = parseHeader(headerText, file);
            checkLayout(header.entries(), size - bufferStart, file);
            ImmutableMap.Builder<String, Tensor> tensors = ImmutableMap.builder();
            for (Entry entry : header.entries()) {
                tensors.put(entry.name(), readTensor(channel, entry, bufferStart, file));
            }
            return new SafetensorsFile(tensors.buildOrThrow(), header.metadata());
        } catch (IOException e) {
            throw new UncheckedIOException("safetensors: cannot read " + file + ": "
                    + describe(e), e);
        }
    }

    /** One tensor's header entry: where its bytes are and what they hold. */
    private record Entry(String name, DType dtype, Shape shape, long begin, long end) {}

    private record Header(List<Entry> entries, ImmutableMap<String, String> metadata) {}

    private static Header parseHeader(String text, Path file) {
        if (!text.startsWith("{")) {
            throw invalid(file, "the header does not start with '{'");
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        try (JsonReader json = new JsonReader(new StringReader(text))) {
            json.setStrictness(Strictness.STRICT);
            json.beginObject();
            while (json.hasNext()) {
                String name = json.nextName();
                if (!names.add(name)) {
                    throw invalid(file, "the header has the key " + quote(name) + " twice");
                }
                if (name.isEmpty()) {
                    throw invalid(file, "the header has a tensor with an empty name");
                }
                if (name.equals(METADATA)) {
                    readMetadata(json, metadata, file);
                } else {
                    entries.add(readEntry(json, name, file));
                }
            }
            json.endObject();
            if (json.peek() != JsonToken.END_DOCUMENT) {
                throw invalid(file, "the header has content after its JSON object");
            }
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            // Gson reports malformed JSON as MalformedJsonException (an IOException) or
            // IllegalStateException, with the line and column.
            throw invalid(file, "the header is not valid JSON: " + e.getMessage());
        }
        return new Header(entries, ImmutableMap.copyOf(metadata));
    }

    private static void readMetadata(JsonReader json, Map<String, String> metadata, Path file)
            throws IOException {
        if (json.peek() != JsonToken.BEGIN_OBJECT) {
            throw invalid(file, METADATA + " must be an object of strings, got " + json.peek());
        }
        json.beginObject();
        while (json.hasNext()) {
            String key = json.nextName();
            if (json.peek() != JsonToken.STRING) {
                throw invalid(file, METADATA + " value of " + quote(key) + " must be a string,"
                        + " got " + json.peek());
            }
            if (metadata.put(key, json.nextString()) != null) {
                throw invalid(file, METADATA + " has the key " + quote(key) + " twice");
            }
        }
        json.endObject();
    }

    private static Entry readEntry(JsonReader json, String name, Path file) throws IOException {
        if (json.peek() != JsonToken.BEGIN_OBJECT) {
            throw invalid(file, "tensor " + quote(name) + " must be an object with dtype, shape"
                    + " and data_offsets, got " + json.peek());
        }
        String dtype = null;
        List<Long> shape = null;
        List<Long> offsets = null;
        json.beginObject();
        while (json.hasNext()) {
            String field = json.nextName();
            switch (field) {
                case "dtype":
                    if (dtype != null || json.peek() != JsonToken.STRING) {
                        throw invalid(file, "tensor " + quote(name) + ": dtype must be one"
                                + " string");
                    }
                    dtype = json.nextString();
                    break;
                case "shape":
                    if (shape != null) {
                        throw invalid(file, "tensor " + quote(name) + " has two shapes");
                    }
                    shape = readNaturals(json, name, "shape", file);
                    break;
                case "data_offsets":
                    if (offsets != null) {
                        throw invalid(file, "tensor " + quote(name) + " has two data_offsets");
                    }
                    offsets = readNaturals(json, name, "data_offsets", file);
                    break;
                default:
                    throw invalid(file, "tensor " + quote(name) + " has the unknown field "
                            + quote(field) + " (expected dtype, shape, data_offsets)");
            }
        }
        json.endObject();
        if (dtype == null || shape == null || offsets == null) {
            throw invalid(file, "tensor " + quote(name) + " lacks "
                    + (dtype == null ? "dtype" : shape == null ? "shape" : "data_offsets"));
        }
        if (offsets.size() != 2 || offsets.get(0) > offsets.get(1)) {
            throw invalid(file, "tensor " + quote(name) + ": data_offsets must be [begin, end]"
                    + " with begin <= end, got " + offsets);
        }
        Integer width = SPEC_DTYPE_BYTES.get(dtype);
        if (width == null) {
            throw invalid(file, "tensor " + quote(name) + " has the unknown dtype "
                    + quote(dtype));
        }
        long elements = 1;
        int[] dims = new int[shape.size()];
        for (int d = 0; d < dims.length; d++) {
            long dim = shape.get(d);
            try {
                elements = Math.multiplyExact(elements, dim);
                Math.multiplyExact(elements, (long) width);
            } catch (ArithmeticException e) {
                throw invalid(file, "tensor " + quote(name) + " has a shape " + shape
                        + " too large to address");
            }
            dims[d] = (int) Math.min(dim, Integer.MAX_VALUE);
        }
        long bytes = elements * width;
        if (offsets.get(1) - offsets.get(0) != bytes) {
            throw invalid(file, "tensor " + quote(name) + " of dtype " + dtype + " and shape "
                    + shape + " needs " + bytes + " bytes, but data_offsets " + offsets
                    + " span " + (offsets.get(1) - offsets.get(0)));
        }
        DType jgradType = switch (dtype) {
            case "F64" -> DType.FLOAT64;
            case "F32" -> DType.FLOAT32;
            case "I64" -> DType.INT64;
            case "I32" -> DType.INT32;
            default -> throw invalid(file, "tensor " + quote(name) + " has dtype " + dtype
                    + ", which jgrad does not read (it reads F64, F32, I64 and I32)");
        };
        if (elements > Integer.MAX_VALUE - 8) {
            throw invalid(file, "tensor " + quote(name) + " has " + elements + " elements, more"
                    + " than a jgrad tensor holds");
        }
        for (long dim : shape) {
            if (dim > Integer.MAX_VALUE) {
                throw invalid(file, "tensor " + quote(name) + " has the dimension " + dim
                        + ", above " + Integer.MAX_VALUE);
            }
        }
        return new Entry(name, jgradType, Shape.of(dims), offsets.get(0), offsets.get(1));
    }

    private static List<Long> readNaturals(JsonReader json, String name, String field,
            Path file) throws IOException {
        if (json.peek() != JsonToken.BEGIN_ARRAY) {
            throw invalid(file, "tensor " + quote(name) + ": " + field + " must be an array of"
                    + " integers, got " + json.peek());
        }
        List<Long> values = new ArrayList<>();
        json.beginArray();
        while (json.hasNext()) {
            if (json.peek() != JsonToken.NUMBER) {
                throw invalid(file, "tensor " + quote(name) + ": " + field + " must hold"
                        + " integers, got " + json.peek());
            }
            String literal = json.nextString();
            long value;
            try {
                value = Long.parseLong(literal);
            } catch (NumberFormatException e) {
                throw invalid(file, "tensor " + quote(name) + ": " + field + " holds "
                        + literal + ", not an integer in range");
            }
            if (value < 0) {
                throw invalid(file, "tensor " + quote(name) + ": " + field + " holds the"
                        + " negative " + value);
            }
            values.add(value);
        }
        json.endArray();
        return values;
    }

    /** The byte ranges must tile {@code [0, bufferLength)}: no gap, no overlap, nothing after. */
    private static void checkLayout(List<Entry> entries, long bufferLength, Path file) {
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        Entry previous = null;
        for (Entry entry : byOffset) {
            if (entry.begin() < expected) {
                throw invalid(file, "the data of " + quote(entry.name()) + " " + range(entry)
                        + " overlaps that of " + quote(previous.name()) + " " + range(previous));
            }
            if (entry.begin() > expected) {
                throw invalid(file, "the bytes [" + expected + ", " + entry.begin() + ") of the"
                        + " buffer belong to no tensor (before " + quote(entry.name()) + ")");
            }
            expected = entry.end();
            previous = entry;
        }
        if (expected > bufferLength) {
            throw invalid(file, "the data of " + quote(previous.name()) + " " + range(previous)
                    + " ends beyond the " + bufferLength + " bytes of the buffer (truncated?)");
        }
        if (expected < bufferLength) {
            throw invalid(file, "the buffer has " + (bufferLength - expected) + " bytes after"
                    + " the last tensor's data that belong to no tensor");
        }
    }

    private static Tensor readTensor(FileChannel channel, Entry entry, long bufferStart,
            Path file) throws IOException {
        DType dtype = entry.dtype();
        int width = bytesPerElement(dtype);
        int count = entry.shape().size();
        double[] doubles = dtype == DType.FLOAT64 ? new double[count] : null;
        float[] floats = dtype == DType.FLOAT32 ? new float[count] : null;
        int[] ints = dtype == DType.INT32 ? new int[count] : null;
        long[] longs = dtype == DType.INT64 ? new long[count] : null;
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(width, Math.min(1 << 16, count * width)))
                .order(ByteOrder.LITTLE_ENDIAN);
        long position = bufferStart + entry.begin();
        int index = 0;
        while (index < count) {
            buffer.clear();
            buffer.limit(Math.min(buffer.capacity(), (count - index) * width));
            readFully(channel, buffer, position, file);
            position += buffer.limit();
            buffer.flip();
            while (buffer.hasRemaining()) {
                if (doubles != null) {
                    doubles[index++] = buffer.getDouble();
                } else if (floats != null) {
                    floats[index++] = buffer.getFloat();
                } else if (ints != null) {
                    ints[index++] = buffer.getInt();
                } else {
                    longs[index++] = buffer.getLong();
                }
            }
        }
        int[] shape = entry.shape().toArray();
        if (doubles != null) {
            return Tensor.of(doubles, entry.shape(), DType.FLOAT64);
        }
        if (floats != null) {
            return Tensor.ofFloats(floats, shape);
        }
        return ints != null ? Tensor.ofInts(ints, shape) : Tensor.ofLongs(longs, shape);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position,
            Path file) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw invalid(file, "the file ended at byte " + at + " (truncated while"
                        + " reading?)");
            }
            at += read;
        }
    }

    private static String decodeUtf8(ByteBuffer bytes, Path file) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw invalid(file, "the header is not valid UTF-8");
        }
    }

    // ---------------------------------------------------------------- shared

    /** {@code "F64"}, {@code "F32"}, {@code "I64"} or {@code "I32"}. */
    static String dtypeName(DType dtype) {
        switch (dtype) {
            case FLOAT32:
                return "F32";
            case INT32:
                return "I32";
            case INT64:
                return "I64";
            default:
                return "F64";
        }
    }

    static int bytesPerElement(DType dtype) {
        return dtype == DType.FLOAT32 || dtype == DType.INT32 ? 4 : 8;
    }

    private static String range(Entry entry) {
        return "[" + entry.begin() + ", " + entry.end() + ")";
    }

    private static String quote(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return "'" + shown + "'";
    }

    private static IllegalArgumentException invalid(Path file, String what) {
        return new IllegalArgumentException("safetensors: " + file + ": " + what);
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
}
