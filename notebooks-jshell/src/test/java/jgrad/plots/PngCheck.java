package jgrad.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Checks a PNG file a plot wrote: it exists, decodes as an image of the stated size, and is not
 * blank. "Not blank" means that enough pixels are coloured (saturated, not the white, grey and
 * black of the background, axes, grid and text): a chart with its axes and title but no series
 * fails.
 */
public final class PngCheck {

    /** At least this share of the pixels must be coloured. */
    public static final double MIN_COLOURED_SHARE = 0.002;
    /** At least this many distinct colours. */
    public static final int MIN_DISTINCT_COLOURS = 16;
    // A pixel is coloured when its HSB saturation and brightness pass these.
    private static final float MIN_SATURATION = 0.25f;
    private static final float MIN_BRIGHTNESS = 0.2f;

    private PngCheck() {
    }

    /** What {@link #check} measured. */
    public record Measured(int width, int height, double colouredShare, int distinctColours) {
    }

    /**
     * Asserts that {@code file} is a PNG of {@code width x height} pixels that is not blank.
     *
     * @return what was measured
     */
    public static Measured check(Path file, int width, int height) {
        assertTrue(Files.isRegularFile(file), "no figure at " + file);
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode " + file, e);
        }
        assertNotNull(image, file + " is not an image ImageIO can decode");
        assertEquals(width + " x " + height, image.getWidth() + " x " + image.getHeight(),
                file + ": size");
        Measured measured = measure(image);
        assertTrue(measured.colouredShare() >= MIN_COLOURED_SHARE,
                file + " looks blank: only " + measured.colouredShare()
                        + " of its pixels are coloured");
        assertTrue(measured.distinctColours() >= MIN_DISTINCT_COLOURS,
                file + " looks blank: only " + measured.distinctColours() + " colours");
        return measured;
    }

    /** Counts coloured pixels and distinct colours. */
    public static Measured measure(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        long coloured = 0;
        float[] hsb = new float[3];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                Color.RGBtoHSB((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, hsb);
                if (hsb[1] >= MIN_SATURATION && hsb[2] >= MIN_BRIGHTNESS) {
                    coloured++;
                }
            }
        }
        return new Measured(image.getWidth(), image.getHeight(),
                (double) coloured / ((long) image.getWidth() * image.getHeight()), colours.size());
    }
}
