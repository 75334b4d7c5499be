package jgrad.datasets.io;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * Reads and writes NumPy's {@code .npy} files (format versions 1.0, 2.0 and 3.0, as specified in
 * {@code numpy.lib.format}) as {@link NdArray}s.
 *
 * <p><b>Element types</b>: {@code bool} ({@code b1}), {@code uint8} ({@code u1}), {@code int8},
 * {@code int16}, {@code int32}, {@code int64}, {@code float32} and {@code float64}, little-endian
 * ({@code <}), big-endian ({@code >}, bytes swapped on read) or native ({@code =}). Other dtypes
 * are refused with an error naming them: complex ({@code <c16}), object arrays ({@code |O}, which
 * hold pickled Python objects), strings, dates, half precision, unsigned integers wider than a
 * byte and structured dtypes.
 *
 * <p><b>Order</b>: a file with {@code 'fortran_order': True} (column-major, as {@code
 * np.save(np.asfortranarray(a))} writes it) is transposed on read into the same array in C
 * (row-major) order, so element {@code (i, j)} is the one NumPy shows at {@code a[i, j]}. The
 * writer always writes C order.
 *
 * <p><b>Validation before allocation</b>: the magic string, the version, the header length
 * (at most {@value #MAX_HEADER_BYTES} bytes), the header dict (exactly the keys {@code descr},
 * {@code fortran_order} and {@code shape}; parsed as a literal, never evaluated), the dtype, each
 * dimension (a non-negative integer, at most {@value #MAX_RANK} of them) and the element count (at
 * most {@code 2^31 - 9}, what a Java array holds) are checked before any array is allocated, and a
 * file's size must equal the header's length plus the data the shape needs: a header that claims
 * a huge shape is refused by its numbers, never by an {@code OutOfMemoryError}. From a stream of
 * unknown length the array grows as data arrives, so a false claim costs no more memory than the
 * data present. Every problem is an {@link IllegalArgumentException} naming the file (or source)
 * and the field; I/O failures are {@link UncheckedIOException}s.
 *
 * <p><b>Writing</b> picks version 1.0 (2.0 only if the header exceeds 65535 bytes), writes the
 * header as NumPy does ({@code {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }}),
 * padded with spaces and a final newline so that the data starts at a multiple of 64 bytes, and
 * replaces the target atomically (temporary file, then move).
 *
 * <pre>{@code
 * jshell> Npy.write(Tensor.of(new double[][] {{1.5, -2}, {3, 4}}), Path.of("a.npy"))
 * jshell> Npy.read(Path.of("a.npy"))
 * $2 ==> NdArray[float64, shape [2, 2]: 1.5, -2.0, 3.0, 4.0]
 * }</pre>
 * In Python, {@code np.load("a.npy")} gives {@code array([[ 1.5, -2. ], [ 3. ,  4. ]])}.
 */
public final class Npy {

    /** The longest header accepted on read, in bytes. */
    public static final int MAX_HEADER_BYTES = 65_536;
    /** The most dimensions accepted on read (NumPy 2 allows 64, NumPy 1 32). */
    public static final int MAX_RANK = 64;
    /** The most elements an array may have: what a Java array holds. */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    /** The data offset of a written file is a multiple of this. */
    static final int ALIGNMENT = 64;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");
    private static final String SUPPORTED =
            "bool, uint8, int8, int16, int32, int64, float32 and float64";

    /** A parsed and validated header; {@code dataOffset} counts every byte before the data. */
    private record Header(ElementType type, ByteOrder order, boolean fortranOrder, Shape shape,
            long dataOffset) {}

    private Npy() {}

    // ---------------------------------------------------------------- reading

    /**
     * Reads the array in {@code path}.
     *
     * @throws IllegalArgumentException if the file is not a valid NPY file of a supported dtype,
     *     or its size differs from what the header claims (naming the file and the field)
     * @throws UncheckedIOException if the file cannot be opened or read
     */
    public static NdArray read(Path path) {
        checkNotNull(path, "path");
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
            return read(in, path.toString(), Files.size(path));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "npy: cannot read " + path + ": " + AtomicFile.describe(e), e);
        }
    }

    /**
     * Reads one array from {@code in}, leaving the stream just after its data (so several arrays
     * written one after another to one stream can be read in turn). Does not close {@code in}.
     *
     * @param source the file or resource name used in error messages
     * @throws IllegalArgumentException if the content is not a valid NPY array of a supported
     *     dtype, or the stream ends before the data the header claims
     * @throws UncheckedIOException if the stream cannot be read
     */
    public static NdArray read(InputStream in, String source) {
        checkNotNull(in, "in");
        checkNotNull(source, "source");
        try {
            return read(in, source, -1);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "npy: cannot read " + source + ": " + AtomicFile.describe(e), e);
        }
    }

    /**
     * Reads the header and the data.
     *
     * @param length the number of bytes in {@code in} if known exactly (a file), else -1
     */
    static NdArray read(InputStream in, String source, long length) throws IOException {
        Header header = readHeader(in, source, length);
        int count = header.shape().size();
        long dataBytes = (long) count * header.type().byteSize();
        if (length >= 0 && header.dataOffset() + dataBytes != length) {
            long present = length - header.dataOffset();
            throw invalid(source, present < dataBytes
                    ? truncatedMessage(header, dataBytes, present)
                    : "the file has " + (present - dataBytes) + " bytes after the "
                            + dataBytes + " bytes of data that shape " + header.shape()
                            + " of " + header.type() + " needs");
        }
        Object data = ElementCodec.read(in, header.type(), header.order(), count, length >= 0,
                (expected, actual) -> invalid(source, truncatedMessage(header, expected, actual)));
        if (header.fortranOrder() && header.shape().rank() > 1) {
            data = ElementCodec.fortranToC(data, header.type(), header.shape().toArray());
        }
        return NdArray.wrap(header.type(), header.shape(), data);
    }

    private static String truncatedMessage(Header header, long expected, long actual) {
        return "truncated data: shape " + header.shape() + " of " + header.type() + " needs "
                + expected + " bytes after the " + header.dataOffset()
                + "-byte header, the file has " + Math.max(0, actual);
    }

    private static Header readHeader(InputStream in, String source, long length)
            throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length + 2);
        if (magic.length >= 2 && magic[0] == 'P' && magic[1] == 'K') {
            throw invalid(source, "this is a zip archive (an .npz file?), not an .npy file;"
                    + " read it with Npz.read");
        }
        if (magic.length >= 2 && magic[0] == (byte) 0x1F && magic[1] == (byte) 0x8B) {
            throw invalid(source, "the file starts with 1F 8B, the gzip magic: decompress it"
                    + " first (an .npy file starts with \\x93NUMPY)");
        }
        if (magic.length < MAGIC.length
                || !Arrays.equals(Arrays.copyOf(magic, MAGIC.length), MAGIC)) {
            throw invalid(source, "not an NPY file: it starts with "
                    + hex(magic, Math.min(magic.length, MAGIC.length))
                    + ", expected the magic string \\x93NUMPY (93 4E 55 4D 50 59)");
        }
        if (magic.length < MAGIC.length + 2) {
            throw invalid(source, "truncated header: the file ends after " + magic.length
                    + " bytes, within the format version");
        }
        int major = Byte.toUnsignedInt(magic[6]);
        int minor = Byte.toUnsignedInt(magic[7]);
        if (major < 1 || major > 3 || minor != 0) {
            throw invalid(source, "unsupported NPY format version " + major + "." + minor
                    + " (1.0, 2.0 and 3.0 are supported)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] lengthField = in.readNBytes(lengthBytes);
        if (lengthField.length < lengthBytes) {
            throw invalid(source, "truncated header: the file ends within the "
                    + lengthBytes + "-byte header length field of version " + major + ".0");
        }
        ByteBuffer lengthBuffer = ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1
                ? Short.toUnsignedInt(lengthBuffer.getShort())
                : Integer.toUnsignedLong(lengthBuffer.getInt());
        if (headerLength > MAX_HEADER_BYTES) {
            throw invalid(source, "the header length field says " + headerLength
                    + " bytes, more than the " + MAX_HEADER_BYTES + " accepted");
        }
        long dataOffset = MAGIC.length + 2 + lengthBytes + headerLength;
        if (length >= 0 && length < dataOffset) {
            throw invalid(source, "truncated header: the header length field says "
                    + headerLength + " bytes, the file has " + (length - dataOffset + headerLength)
                    + " after it");
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw invalid(source, "truncated header: the header length field says "
                    + headerLength + " bytes, the file has " + headerBytes.length + " after it");
        }
        String text;
        if (major < 3) {
            for (int i = 0; i < headerBytes.length; i++) {
                if (headerBytes[i] < 0) {
                    throw invalid(source, "the version " + major + ".0 header has a non-ASCII"
                            + " byte " + hex(new byte[] {headerBytes[i]}, 1) + " at offset " + i
                            + " (only version 3.0 headers are UTF-8)");
                }
            }
            text = new String(headerBytes, StandardCharsets.US_ASCII);
        } else {
            text = new String(headerBytes, StandardCharsets.UTF_8);
        }
        Map<String, Object> dict;
        try {
            dict = PythonLiteral.parseDict(text);
        } catch (IllegalArgumentException e) {
            throw invalid(source, "malformed header dict (" + e.getMessage() + "): "
                    + text.strip());
        }
        if (!dict.keySet().equals(KEYS)) {
            throw invalid(source, "the header dict must have exactly the keys 'descr', "
                    + "'fortran_order' and 'shape', got " + dict.keySet() + ": " + text.strip());
        }
        Object descr = dict.get("descr");
        if (descr instanceof PythonLiteral.PyList) {
            throw invalid(source, "structured dtypes (descr a list of fields) are not supported,"
                    + " got " + text.strip() + "; jgrad reads " + SUPPORTED);
        }
        if (!(descr instanceof String dtype)) {
            throw invalid(source, "descr must be a dtype string such as '<f8', got " + descr);
        }
        ElementType type = elementType(source, dtype);
        ByteOrder order = byteOrder(source, dtype);
        if (!(dict.get("fortran_order") instanceof Boolean fortranOrder)) {
            throw invalid(source, "fortran_order must be True or False, got "
                    + dict.get("fortran_order"));
        }
        Shape shape = shape(source, dict.get("shape"), type);
        return new Header(type, order, fortranOrder, shape, dataOffset);
    }

    private static ByteOrder byteOrder(String source, String dtype) {
        char first = dtype.isEmpty() ? ' ' : dtype.charAt(0);
        switch (first) {
            case '<':
                return ByteOrder.LITTLE_ENDIAN;
            case '>':
                return ByteOrder.BIG_ENDIAN;
            case '|':
                if (dtype.length() > 1 && !dtype.endsWith("1") && !dtype.substring(1).equals("?")) {
                    throw invalid(source, "dtype '" + dtype + "' has byte order '|' (not "
                            + "applicable), which only single-byte types may have");
                }
                return ByteOrder.LITTLE_ENDIAN;
            default:
                return ByteOrder.nativeOrder(); // '=' or no order character: native
        }
    }

    private static ElementType elementType(String source, String dtype) {
        String code = dtype.isEmpty() || "<>|=".indexOf(dtype.charAt(0)) < 0
                ? dtype : dtype.substring(1);
        ElementType type = null;
        if (code.equals("?")) {
            type = ElementType.BOOL;
        } else if (code.matches("[a-zA-Z][0-9]{1,2}")) {
            type = ElementType.fromCode(code.charAt(0), Integer.parseInt(code.substring(1)));
        }
        if (type != null) {
            return type;
        }
        String what;
        if (code.startsWith("O")) {
            what = "object arrays hold pickled Python objects, which jgrad never unpickles";
        } else if (code.startsWith("c")) {
            what = "complex numbers";
        } else if (code.startsWith("U") || code.startsWith("S") || code.startsWith("a")) {
            what = "strings";
        } else if (code.startsWith("M") || code.startsWith("m")) {
            what = "dates and time deltas";
        } else if (code.startsWith("V")) {
            what = "raw void records";
        } else {
            what = "not one of the supported types";
        }
        throw invalid(source, "dtype '" + dtype + "' is not supported (" + what + "); jgrad"
                + " reads " + SUPPORTED);
    }

    private static Shape shape(String source, Object value, ElementType type) {
        if (!(value instanceof PythonLiteral.Tuple tuple)) {
            throw invalid(source, "shape must be a tuple of non-negative integers, got " + value);
        }
        if (tuple.items().size() > MAX_RANK) {
            throw invalid(source, "shape has " + tuple.items().size() + " dimensions, more"
                    + " than the " + MAX_RANK + " accepted");
        }
        int[] dims = new int[tuple.items().size()];
        long count = 1;
        boolean empty = false;
        for (int i = 0; i < dims.length; i++) {
            Object item = tuple.items().get(i);
            if (!(item instanceof BigInteger dim) || dim.signum() < 0) {
                throw invalid(source, "shape " + describeShape(tuple) + ": dimension " + i
                        + " is not a non-negative integer: " + item);
            }
            if (dim.compareTo(BigInteger.valueOf(MAX_ELEMENTS)) > 0) {
                throw invalid(source, "shape " + describeShape(tuple) + ": dimension " + i
                        + " is " + dim + ", more elements than a Java array holds ("
                        + MAX_ELEMENTS + ")");
            }
            dims[i] = dim.intValue();
            empty |= dims[i] == 0;
            count = Math.min(count * dims[i], (long) MAX_ELEMENTS + 1);
        }
        if (!empty && count > MAX_ELEMENTS) {
            throw invalid(source, "shape " + describeShape(tuple) + " of " + type + " has more"
                    + " elements than a Java array holds (" + MAX_ELEMENTS + ")");
        }
        return Shape.of(dims);
    }

    private static String describeShape(PythonLiteral.Tuple tuple) {
        StringJoiner text = new StringJoiner(", ", "(", tuple.items().size() == 1 ? ",)" : ")");
        tuple.items().forEach(item -> text.add(String.valueOf(item)));
        return text.toString();
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes {@code tensor} as float64 or float32 (its dtype), little-endian; see {@link
     * #write(NdArray, Path, ByteOrder)}.
     */
    public static void write(Tensor tensor, Path path) {
        write(NdArray.of(tensor), path, ByteOrder.LITTLE_ENDIAN);
    }

    /** Writes {@code array} little-endian; see {@link #write(NdArray, Path, ByteOrder)}. */
    public static void write(NdArray array, Path path) {
        write(array, path, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Writes {@code array} to {@code path} in {@code order} (descr {@code <} or {@code >}; one-byte
     * types {@code |}), C order, format version 1.0, the data at a multiple of 64 bytes. Atomic:
     * readers see the old file or the complete new one.
     *
     * @throws UncheckedIOException if writing or the atomic move fails
     */
    public static void write(NdArray array, Path path, ByteOrder order) {
        checkNotNull(array, "array");
        checkNotNull(path, "path");
        checkNotNull(order, "order");
        AtomicFile.write(path, "npy", out -> write(array, out, order));
    }

    /** Writes the header and the data of {@code array} to {@code out}. */
    static void write(NdArray array, OutputStream out, ByteOrder order) throws IOException {
        out.write(header(array, order));
        ElementCodec.write(out, array, order);
    }

    /** The bytes before the data: magic, version, header length and the padded header. */
    static byte[] header(NdArray array, ByteOrder order) {
        ElementType type = array.elementType();
        char orderCharacter = type.byteSize() == 1 ? '|'
                : order == ByteOrder.BIG_ENDIAN ? '>' : '<';
        String descr = "" + orderCharacter + type.kind() + type.byteSize();
        int[] dims = array.shape().toArray();
        StringJoiner shape = new StringJoiner(", ", "(", dims.length == 1 ? ",)" : ")");
        for (int dim : dims) {
            shape.add(Integer.toString(dim));
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape
                + ", }";
        int major = 1;
        int preamble = MAGIC.length + 2 + 2;
        if (dict.length() + 1 + pad(preamble + dict.length() + 1) > 0xFFFF) {
            major = 2;
            preamble = MAGIC.length + 2 + 4;
        }
        int padding = pad(preamble + dict.length() + 1);
        String text = dict + " ".repeat(padding) + "\n";
        ByteBuffer bytes = ByteBuffer.allocate(preamble + text.length())
                .order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            bytes.putShort((short) text.length());
        } else {
            bytes.putInt(text.length());
        }
        bytes.put(text.getBytes(StandardCharsets.US_ASCII));
        return bytes.array();
    }

    /** The spaces that bring {@code length} up to a multiple of {@link #ALIGNMENT}. */
    private static int pad(int length) {
        return (ALIGNMENT - length % ALIGNMENT) % ALIGNMENT;
    }

    static IllegalArgumentException invalid(String source, String what) {
        return new IllegalArgumentException("npy: " + source + ": " + what);
    }

    private static String hex(byte[] bytes, int length) {
        StringJoiner text = new StringJoiner(" ");
        for (int i = 0; i < length; i++) {
            text.add(String.format("%02X", bytes[i]));
        }
        return length == 0 ? "(nothing: the file is empty)" : text.toString();
    }
}
