package jgrad.plots;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;

/**
 * A PNG file a {@link Plots} function wrote, and its size in pixels.
 *
 * @param file the file written
 * @param width its width in pixels
 * @param height its height in pixels
 */
public record Figure(Path file, int width, int height) {

    /**
     * Checks the components.
     *
     * @throws NullPointerException if {@code file} is null
     * @throws IllegalArgumentException if a size is not positive
     */
    public Figure {
        checkNotNull(file, "figure: file is null");
        checkArgument(width > 0 && height > 0, "figure: positive size expected, got %s x %s",
                width, height);
    }

    /**
     * {@code figure: FILE (WIDTH x HEIGHT px)}, the line notebooks print for each figure (their
     * tests find the files by it).
     */
    @Override
    public String toString() {
        return "figure: " + file + " (" + width + " x " + height + " px)";
    }
}
