/**
 * Plots for the notebooks, drawn with XChart and saved as PNG files: learning curves, contour
 * lines with a gradient-descent path, decision regions, functions with their derivatives taken
 * by jgrad, and scatter plots. {@link jgrad.plots.Plots} holds the functions notebooks call; each
 * writes its file atomically and returns a {@link jgrad.plots.Figure} naming the file and its
 * size in pixels. Nothing in jgrad's other modules depends on this package.
 *
 * <pre>{@code
 * jshell> Plots.contour((a, b) -> a * a + b * b, Interval.of(-5, 5), Interval.of(-5, 5),
 *    ...>     path, Plots.figure("bowl.png"))
 * $1 ==> figure: target/figures/bowl.png (460 x 420 px)
 * }</pre>
 */
package jgrad.plots;
