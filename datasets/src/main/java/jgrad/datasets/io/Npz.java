package jgrad.datasets.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import com.google.common.io.ByteStreams;
import com.google.common.io.CountingOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes NumPy's {@code .npz} archives: a zip file holding one {@code name.npy} entry
 * per array, as {@code np.savez} (entries stored) and {@code np.savez_compressed} (entries
 * deflated) write them. Each entry is read and validated by {@link Npy}; the archive's entries
 * come back in their order in the zip's central directory, keyed by name without {@code .npy}
 * ({@code np.savez(f, a)} names its first positional array {@code arr_0}).
 *
 * <p>Entries are read as streams of untrusted length: an entry whose header claims more data than
 * it holds is refused as truncated after reading what is there, never by allocating the claim.
 *
 * <pre>{@code
 * jshell> Npz.write(Map.of("x", NdArray.of(Tensor.arange(3))), Path.of("a.npz"))
 * jshell> Npz.read(Path.of("a.npz"))
 * $2 ==> {x=NdArray[float64, shape [3]: 0.0, 1.0, 2.0]}
 * }</pre>
 */
public final class Npz {

    private static final String SUFFIX = ".npy";

    private Npz() {}

    /**
     * Reads every array in the archive at {@code path}.
     *
     * @throws IllegalArgumentException if the file is not a zip archive, an entry is not an
     *     {@code .npy} file, or an entry is not a valid NPY array of a supported dtype (naming the
     *     archive and the entry)
     * @throws UncheckedIOException if the file cannot be opened or read
     */
    public static ImmutableMap<String, NdArray> read(Path path) {
        checkNotNull(path, "path");
        ImmutableMap.Builder<String, NdArray> arrays = ImmutableMap.builder();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                String source = path + " entry " + entry.getName();
                if (!entry.getName().endsWith(SUFFIX)) {
                    throw new IllegalArgumentException("npz: " + source
                            + " is not an .npy array (np.savez writes only name.npy entries)");
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    NdArray array = Npy.read(in, source, -1);
                    if (in.read() >= 0) {
                        throw Npy.invalid(source, "the entry has bytes after the data that its"
                                + " header's shape " + array.shape() + " of "
                                + array.elementType() + " needs");
                    }
                    String name = entry.getName();
                    arrays.put(name.substring(0, name.length() - SUFFIX.length()), array);
                } catch (ZipException | EOFException e) {
                    throw new IllegalArgumentException("npz: " + source
                            + ": corrupt or truncated zip data: " + e.getMessage(), e);
                }
            }
        } catch (ZipException e) {
            throw new IllegalArgumentException("npz: " + path + " is not a valid zip archive ("
                    + e.getMessage() + "); an .npz file is one", e);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "npz: cannot read " + path + ": " + AtomicFile.describe(e), e);
        }
        return arrays.buildOrThrow();
    }

    /**
     * Writes {@code arrays} as an archive with stored (uncompressed) entries, as {@code np.savez}
     * does, in the map's iteration order, each little-endian in NPY version 1.0. Atomic.
     *
     * @throws IllegalArgumentException if a name is empty
     * @throws UncheckedIOException if writing or the atomic move fails
     */
    public static void write(Map<String, NdArray> arrays, Path path) {
        write(arrays, path, false);
    }

    /**
     * Writes {@code arrays} with deflated entries, as {@code np.savez_compressed} does; see
     * {@link #write(Map, Path)}.
     */
    public static void writeCompressed(Map<String, NdArray> arrays, Path path) {
        write(arrays, path, true);
    }

    private static void write(Map<String, NdArray> arrays, Path path, boolean compressed) {
        checkNotNull(arrays, "arrays");
        checkNotNull(path, "path");
        ImmutableMap<String, NdArray> copy = ImmutableMap.copyOf(arrays);
        for (String name : copy.keySet()) {
            checkArgument(!name.isEmpty(), "npz write: an array name is empty");
        }
        AtomicFile.write(path, "npz", out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, NdArray> entry : copy.entrySet()) {
                ZipEntry zipEntry = new ZipEntry(entry.getKey() + SUFFIX);
                if (compressed) {
                    zipEntry.setMethod(ZipEntry.DEFLATED);
                } else {
                    // A stored entry needs its size and CRC up front: one pass to compute them.
                    CRC32 crc = new CRC32();
                    CountingOutputStream sink =
                            new CountingOutputStream(ByteStreams.nullOutputStream());
                    Npy.write(entry.getValue(), new CheckedOutputStream(sink, crc),
                            ByteOrder.LITTLE_ENDIAN);
                    zipEntry.setMethod(ZipEntry.STORED);
                    zipEntry.setSize(sink.getCount());
                    zipEntry.setCompressedSize(sink.getCount());
                    zipEntry.setCrc(crc.getValue());
                }
                zip.putNextEntry(zipEntry);
                Npy.write(entry.getValue(), zip, ByteOrder.LITTLE_ENDIAN);
                zip.closeEntry();
            }
            zip.finish();
        });
    }
}
