package jgrad.datasets.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.datasets.Dataset;

/**
 * Reads and writes IDX files, the format of MNIST and Fashion-MNIST (LeCun et al., "The MNIST
 * database of handwritten digits"): a 4-byte magic number {@code 00 00 <type> <rank>}, then
 * {@code rank} dimensions as big-endian unsigned 32-bit integers, then the elements in C
 * (row-major) order, big-endian. Type codes: {@code 08} uint8, {@code 09} int8, {@code 0B} int16,
 * {@code 0C} int32, {@code 0D} float32, {@code 0E} float64.
 *
 * <p>Files compressed with gzip (as MNIST is distributed, {@code train-images-idx3-ubyte.gz}) are
 * recognised by the gzip magic {@code 1F 8B} and decompressed, whatever their name.
 *
 * <p><b>Validation before allocation</b>: the magic number (its first two bytes must be 0; a file
 * that still starts with the gzip magic after decompression, or whose gzip data is corrupt, is
 * named as such), the type code, every dimension (at most {@code 2^31 - 1}) and the element count
 * (at most {@code 2^31 - 9}, what a Java array holds) are checked before any array is allocated;
 * a plain file's size must equal the header plus the data its dimensions need. Dimensions read in
 * the wrong byte order (MNIST's {@code 2} as {@code 33554432}) are therefore refused by their
 * count, never by an {@code OutOfMemoryError}. Every problem is an {@link IllegalArgumentException}
 * naming the file and what was expected; I/O failures are {@link UncheckedIOException}s.
 *
 * <pre>{@code
 * jshell> Idx.read(Path.of("/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz"))
 * $1 ==> NdArray[uint8, shape [10000]: 9, 2, 1, 1, 6, 1, 4, 6, 5, 7, ... (10000 values)]
 * }</pre>
 */
public final class Idx {

    private static final int MAX_ELEMENTS = Npy.MAX_ELEMENTS;
    private static final byte[] GZIP_MAGIC = {(byte) 0x1F, (byte) 0x8B};

    private Idx() {}

    // ---------------------------------------------------------------- reading

    /**
     * Reads the array in {@code path}, gzip-compressed or plain.
     *
     * @throws IllegalArgumentException if the file is not a valid IDX file (naming the file and
     *     the bad field: magic number, type code, dimensions, truncated or trailing data)
     * @throws UncheckedIOException if the file cannot be opened or read
     */
    public static NdArray read(Path path) {
        checkNotNull(path, "path");
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.toString(), Files.size(path));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "idx: cannot read " + path + ": " + AtomicFile.describe(e), e);
        }
    }

    /**
     * Reads one array from {@code in}, gzip-compressed or plain. Does not close {@code in}.
     *
     * @param source the file or resource name used in error messages
     * @throws IllegalArgumentException if the content is not a valid IDX array
     * @throws UncheckedIOException if the stream cannot be read
     */
    public static NdArray read(InputStream in, String source) {
        checkNotNull(in, "in");
        checkNotNull(source, "source");
        try {
            return read(in, source, -1);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "idx: cannot read " + source + ": " + AtomicFile.describe(e), e);
        }
    }

    private static NdArray read(InputStream raw, String source, long length) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw);
        buffered.mark(4);
        byte[] start = buffered.readNBytes(4);
        buffered.reset();
        boolean gzip = start.length >= 2
                && start[0] == GZIP_MAGIC[0] && start[1] == GZIP_MAGIC[1];
        if (!gzip) {
            return readPlain(buffered, source, length, false);
        }
        try {
            return readPlain(new BufferedInputStream(new GZIPInputStream(buffered)), source, -1,
                    true);
        } catch (ZipException | EOFException e) {
            throw invalid(source, "the file starts with " + hex(start, start.length)
                    + ", the gzip magic"
                    + " (1F 8B), but its gzip data is corrupt or truncated (" + e.getMessage()
                    + "); an IDX file starts with the magic number 00 00 <type> <rank>, either"
                    + " itself or after gzip decompression");
        }
    }

    private static NdArray readPlain(InputStream in, String source, long length, boolean gzip)
            throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4) {
            throw invalid(source, "the file " + (gzip ? "(after gzip decompression) " : "")
                    + "has " + magic.length + " bytes, fewer than the 4-byte magic number");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            boolean looksGzipped = magic[0] == GZIP_MAGIC[0] && magic[1] == GZIP_MAGIC[1];
            throw invalid(source, "bad magic number " + hex(magic, 4) + ": the first two bytes"
                    + " of an IDX file are 00 00"
                    + (looksGzipped ? " (1F 8B is the gzip magic: the data is gzipped twice?)"
                            : magic[0] == 'P' && magic[1] == 'K' ? " (this looks like a zip"
                                    + " archive)" : ""));
        }
        ElementType type = typeOf(magic[2]);
        if (type == null) {
            throw invalid(source, "unsupported type code " + String.format("0x%02X", magic[2])
                    + " in the magic number " + hex(magic, 4) + "; IDX type codes are 08 uint8,"
                    + " 09 int8, 0B int16, 0C int32, 0D float32, 0E float64");
        }
        int rank = Byte.toUnsignedInt(magic[3]);
        byte[] dimensionBytes = in.readNBytes(4 * rank);
        if (dimensionBytes.length < 4 * rank) {
            throw invalid(source, "truncated header: the magic number " + hex(magic, 4)
                    + " announces " + rank + " dimensions (" + 4 * rank + " bytes), the file has "
                    + dimensionBytes.length + " bytes after it");
        }
        ByteBuffer dimensions = ByteBuffer.wrap(dimensionBytes).order(ByteOrder.BIG_ENDIAN);
        long[] dims = new long[rank];
        long count = 1;
        boolean empty = false;
        for (int i = 0; i < rank; i++) {
            dims[i] = Integer.toUnsignedLong(dimensions.getInt());
            empty |= dims[i] == 0;
            count = Math.min(count * Math.min(dims[i], (long) MAX_ELEMENTS + 1),
                    (long) MAX_ELEMENTS + 1);
        }
        if (!empty && count > MAX_ELEMENTS) {
            throw invalid(source, "dimensions " + Arrays.toString(dims) + " of " + type
                    + " (big-endian, as IDX stores them) make more elements than a Java array"
                    + " holds (" + MAX_ELEMENTS + ")");
        }
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = (int) dims[i];
        }
        Shape arrayShape = Shape.of(shape);
        int size = empty ? 0 : (int) count;
        long headerBytes = 4 + 4L * rank;
        long dataBytes = (long) size * type.byteSize();
        if (length >= 0 && length - headerBytes != dataBytes) {
            long present = length - headerBytes;
            throw invalid(source, present < dataBytes
                    ? truncated(arrayShape, type, dataBytes, present)
                    : "the file has " + (present - dataBytes) + " bytes after the " + dataBytes
                            + " bytes of data that dimensions " + arrayShape + " of " + type
                            + " need");
        }
        Object data = ElementCodec.read(in, type, ByteOrder.BIG_ENDIAN, size, length >= 0,
                (expected, actual) -> invalid(source, truncated(arrayShape, type, expected,
                        actual)));
        if (length < 0 && in.read() >= 0) {
            throw invalid(source, "the data continues after the " + dataBytes + " bytes that"
                    + " dimensions " + arrayShape + " of " + type + " need");
        }
        return NdArray.wrap(type, arrayShape, data);
    }

    private static String truncated(Shape shape, ElementType type, long expected, long actual) {
        return "truncated data: dimensions " + shape + " of " + type + " need " + expected
                + " bytes after the header, the file has " + Math.max(0, actual);
    }

    /**
     * Reads a labelled image data set such as MNIST or Fashion-MNIST from an images file (rank
     * 2 or more: {@code [n, ...]}) and a labels file (rank 1: {@code [n]}, an integer type), each
     * gzip-compressed or plain. Each image becomes one row of float64 features in the file's units
     * (0..255 for uint8 pixels), row-major: Shapes: {@code features [n, rows * columns]}, {@code
     * labels [n]}.
     *
     * @param classNames the name of each class id; every label must be in {@code
     *     0..classNames.size()-1}
     * @throws IllegalArgumentException if either file is invalid, the images file has rank below
     *     2, the labels file is not a 1-D integer array, the image and label counts differ
     *     (naming both files and counts), or a label is out of range (naming it and its index)
     * @throws UncheckedIOException if a file cannot be read
     */
    public static Dataset readDataset(Path images, Path labels, List<String> classNames) {
        return readDataset(images, labels, classNames, DType.FLOAT64);
    }

    /**
     * Reads a labelled image data set as {@link #readDataset(Path, Path, List)} does, with
     * features of {@code dtype} (float32 halves the memory; pixel values are exact in both).
     *
     * @throws IllegalArgumentException as {@link #readDataset(Path, Path, List)}, or if {@code
     *     dtype} is not a float dtype
     */
    public static Dataset readDataset(Path images, Path labels, List<String> classNames,
            DType dtype) {
        checkNotNull(images, "images");
        checkArgument(dtype != null && dtype.isFloatingPoint(),
                "idx readDataset: dtype must be FLOAT64 or FLOAT32, got %s", dtype);
        checkNotNull(labels, "labels");
        ImmutableList<String> names = ImmutableList.copyOf(classNames);
        checkArgument(!names.isEmpty(), "idx readDataset: no class names given");
        NdArray labelArray = read(labels);
        if (labelArray.rank() != 1 || !labelArray.elementType().isIntegral()) {
            throw invalid(labels.toString(), "a labels file must be a 1-D integer array, got "
                    + labelArray.elementType() + " of shape " + labelArray.shape());
        }
        NdArray imageArray = read(images);
        if (imageArray.rank() < 2) {
            throw invalid(images.toString(), "an images file must have rank 2 or more ([n, ...]),"
                    + " got shape " + imageArray.shape());
        }
        int n = imageArray.shape().dim(0);
        if (n != labelArray.size()) {
            throw new IllegalArgumentException("idx: the images file " + images + " has " + n
                    + " images but the labels file " + labels + " has " + labelArray.size()
                    + " labels");
        }
        int[] labelValues = labelArray.toIntArray();
        for (int i = 0; i < labelValues.length; i++) {
            if (labelValues[i] < 0 || labelValues[i] >= names.size()) {
                throw invalid(labels.toString(), "label " + labelValues[i] + " at index " + i
                        + " is outside the valid range 0.." + (names.size() - 1));
            }
        }
        int features = n == 0 ? 0 : imageArray.size() / n;
        if (n == 0) {
            int[] dims = imageArray.shape().toArray();
            features = 1;
            for (int i = 1; i < dims.length; i++) {
                features *= dims[i];
            }
        }
        NdArray rows = imageArray.reshape(n, features);
        Tensor values = dtype == DType.FLOAT32 ? rows.toFloat32Tensor() : rows.toFloatTensor();
        return new Dataset(values, ImmutableIntArray.copyOf(labelValues), names);
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes {@code array} as an IDX file, gzip-compressed if the name ends in {@code .gz}.
     * Atomic: readers see the old file or the complete new one.
     *
     * @throws IllegalArgumentException if the element type has no IDX type code (int64, bool) or
     *     the rank exceeds 255
     * @throws UncheckedIOException if writing or the atomic move fails
     */
    public static void write(NdArray array, Path path) {
        checkNotNull(array, "array");
        checkNotNull(path, "path");
        byte code = codeOf(array.elementType());
        checkArgument(code != 0, "idx write: IDX has no type code for %s (it stores uint8, int8,"
                + " int16, int32, float32 and float64)", array.elementType());
        checkArgument(array.rank() <= 255, "idx write: rank %s exceeds 255", array.rank());
        boolean gzip = path.getFileName().toString().endsWith(".gz");
        AtomicFile.write(path, "idx", out -> {
            GZIPOutputStream compressed = gzip ? new GZIPOutputStream(out) : null;
            var target = gzip ? compressed : out;
            ByteBuffer header = ByteBuffer.allocate(4 + 4 * array.rank())
                    .order(ByteOrder.BIG_ENDIAN);
            header.put((byte) 0).put((byte) 0).put(code).put((byte) array.rank());
            for (int dim : array.shape().toArray()) {
                header.putInt(dim);
            }
            target.write(header.array());
            ElementCodec.write(target, array, ByteOrder.BIG_ENDIAN);
            if (compressed != null) {
                compressed.finish();
            }
        });
    }

    private static ElementType typeOf(byte code) {
        switch (code) {
            case 0x08:
                return ElementType.UINT8;
            case 0x09:
                return ElementType.INT8;
            case 0x0B:
                return ElementType.INT16;
            case 0x0C:
                return ElementType.INT32;
            case 0x0D:
                return ElementType.FLOAT32;
            case 0x0E:
                return ElementType.FLOAT64;
            default:
                return null;
        }
    }

    private static byte codeOf(ElementType type) {
        for (byte code = 0x08; code <= 0x0E; code++) {
            if (typeOf(code) == type) {
                return code;
            }
        }
        return 0;
    }

    private static IllegalArgumentException invalid(String source, String what) {
        return new IllegalArgumentException("idx: " + source + ": " + what);
    }

    private static String hex(byte[] bytes, int length) {
        StringJoiner text = new StringJoiner(" ");
        for (int i = 0; i < length; i++) {
            text.add(String.format("%02X", bytes[i]));
        }
        return text.toString();
    }
}
