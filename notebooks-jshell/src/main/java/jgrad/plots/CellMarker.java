package jgrad.plots;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.knowm.xchart.style.markers.Marker;

/**
 * A filled square of a fixed size in pixels, whatever the chart's marker size: one cell of a
 * decision-region grid, sized so that neighbouring cells overlap and leave no gaps.
 */
final class CellMarker extends Marker {

    private final int pixels;

    CellMarker(int pixels) {
        this.pixels = pixels;
    }

    @Override
    public void paint(Graphics2D graphics, double xOffset, double yOffset, int markerSize) {
        double half = pixels / 2.0;
        graphics.fill(new Rectangle2D.Double(xOffset - half, yOffset - half, pixels, pixels));
    }
}
