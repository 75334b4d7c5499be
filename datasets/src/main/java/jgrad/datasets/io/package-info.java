/**
 * Readers and writers of data-set files: {@link jgrad.datasets.io.Csv} for comma-separated values
 * with a size header (and the header-less digits format). Every reader validates as it reads and
 * names the source, line and bad value on error; I/O failures surface as {@link
 * java.io.UncheckedIOException}; writers replace their target atomically.
 */
package jgrad.datasets.io;
