/**
 * Readers and writers of data files. {@link jgrad.datasets.io.Csv} reads ordinary CSV files as
 * pandas' {@code read_csv} does (columns by name or index, string classes, missing cells, {@link
 * jgrad.datasets.io.CsvOptions}) and jgrad's own size-header format; {@link
 * jgrad.datasets.io.Idx} reads and writes IDX (MNIST, Fashion-MNIST), plain or gzipped; {@link
 * jgrad.datasets.io.Npy} and {@link jgrad.datasets.io.Npz} read and write NumPy's {@code .npy}
 * and {@code .npz} as {@link jgrad.datasets.io.NdArray}s of typed values. Every reader validates
 * each header field before it allocates (a header claiming a huge shape is refused by its
 * numbers, never by an {@code OutOfMemoryError}) and names the source, line or field and bad
 * value on error; I/O failures surface as {@link java.io.UncheckedIOException}; writers replace
 * their target atomically (temporary file in the same folder, then move).
 */
package jgrad.datasets.io;
