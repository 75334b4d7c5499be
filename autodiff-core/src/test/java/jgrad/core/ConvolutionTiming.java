package jgrad.core;

import com.google.common.primitives.ImmutableIntArray;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Times one training step (forward, loss, gradients of every parameter, SGD update) of a small
 * CNN on random images, batch 64: conv 3x3 (padding 1) - relu - max pool 2 - conv 3x3 - relu -
 * max pool 2 - linear - softmax cross-entropy; 8 and 16 channels on 8x8 images (the digits),
 * 16 and 32 on 28x28 (Fashion-MNIST). Not a test: a main that prints the median and minimum
 * wall-clock and thread-CPU time of the second half of the steps, so a shared machine's load
 * shows as the gap between the two.
 *
 * <pre>
 * mvn -B -q -o test-compile -pl autodiff-core
 * mvn -B -q -o dependency:build-classpath -pl autodiff-core -Dmdep.outputFile=/tmp/cp.txt
 * java -cp autodiff-core/target/test-classes:autodiff-core/target/classes:$(cat /tmp/cp.txt) \
 *     jgrad.core.ConvolutionTiming 28 float32 30
 * </pre>
 */
final class ConvolutionTiming {

    private ConvolutionTiming() {}

    static Tensor loss(Params p, Tensor images, Tensor targets) {
        ConvOptions same = ConvOptions.defaults().withPadding(1);
        Tensor h = images.conv2d(p.get("conv1.weight"), p.get("conv1.bias"), same).relu()
                .maxPool2d(2);
        h = h.conv2d(p.get("conv2.weight"), p.get("conv2.bias"), same).relu().maxPool2d(2);
        int batch = h.shape().dim(0);
        Tensor logits = h.reshape(batch, -1).matmul(p.get("linear.weight"))
                .add(p.get("linear.bias"));
        return logits.logSoftmax(-1).mul(targets).sum().div(-batch);
    }

    public static void main(String[] args) {
        int side = Integer.parseInt(args[0]);
        DType dtype = DType.valueOf(args[1].toUpperCase());
        int steps = Integer.parseInt(args[2]);
        int batch = 64;
        int first = side <= 8 ? 8 : 16;
        int second = 2 * first;
        SplittableRandom rng = new SplittableRandom(1);
        Map<String, Tensor> init = new LinkedHashMap<>();
        init.put("conv1.weight", Tensor.randn(Shape.of(first, 1, 3, 3), dtype, rng).mul(0.3));
        init.put("conv1.bias", Tensor.zeros(Shape.of(first), dtype));
        init.put("conv2.weight", Tensor.randn(Shape.of(second, first, 3, 3), dtype, rng)
                .mul(0.1));
        init.put("conv2.bias", Tensor.zeros(Shape.of(second), dtype));
        init.put("linear.weight", Tensor.randn(Shape.of(second * (side / 4) * (side / 4), 10),
                dtype, rng).mul(0.05));
        init.put("linear.bias", Tensor.zeros(Shape.of(10), dtype));
        Params params = Params.copyOf(init);
        Tensor images = Tensor.randn(Shape.of(batch, 1, side, side), dtype, rng);
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = i % 10;
        }
        Tensor targets = Tensor.oneHot(ImmutableIntArray.copyOf(labels), 10).cast(dtype);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] wall = new double[steps];
        double[] cpu = new double[steps];
        for (int s = 0; s < steps; s++) {
            long start = System.nanoTime();
            long startCpu = threads.getCurrentThreadCpuTime();
            ValueAndGrad<Params> step = Autodiff.valueAndGrad(
                    p -> loss(p, images, targets), params);
            params = params.zipWith(step.grad(), (w, g) -> w.sub(g.mul(0.01)));
            wall[s] = (System.nanoTime() - start) / 1e6;
            cpu[s] = (threads.getCurrentThreadCpuTime() - startCpu) / 1e6;
        }
        System.out.printf("%dx%d %s batch %d: wall median %.1f ms (min %.1f), thread cpu median"
                + " %.1f ms (min %.1f) over the last %d of %d steps%n", side, side, dtype, batch,
                median(wall), min(wall), median(cpu), min(cpu), steps - steps / 2, steps);
    }

    private static double median(double[] times) {
        double[] tail = Arrays.copyOfRange(times, times.length / 2, times.length);
        Arrays.sort(tail);
        return tail[tail.length / 2];
    }

    private static double min(double[] times) {
        return Arrays.stream(times, times.length / 2, times.length).min().orElse(Double.NaN);
    }
}
