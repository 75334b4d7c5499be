package jgrad.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import jgrad.core.Shape;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

@PropertyDefaults(tries = 200, edgeCases = EdgeCasesMode.NONE)
class NpyPropertiesTest {

    @Property
    void writeThenReadGivesTheSameArrayInEitherByteOrder(
            @ForAll("arrays") NdArray array, @ForAll boolean bigEndian) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteOrder order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        Npy.write(array, bytes, order);
        byte[] file = bytes.toByteArray();
        int headerLength = (file[8] & 0xFF) | (file[9] & 0xFF) << 8;
        assertEquals(0, (10 + headerLength) % 64, "data offset");
        assertEquals(10 + headerLength + (long) array.size() * array.elementType().byteSize(),
                file.length);
        assertEquals(array, Npy.read(new ByteArrayInputStream(file), "p.npy", file.length));
    }

    @Property
    void idxWriteThenReadGivesTheSameArray(@ForAll("arrays") NdArray array) throws IOException {
        if (array.elementType() == ElementType.INT64 || array.elementType() == ElementType.BOOL
                || array.rank() == 0) {
            return; // IDX has no int64 or bool type code, and no 0-d arrays in practice
        }
        java.nio.file.Path file = java.nio.file.Files.createTempFile("p", ".idx.gz");
        try {
            Idx.write(array, file);
            assertEquals(array, Idx.read(file));
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Property
    void fortranOrderReadsAsTheTransposeOfTheReversedShape(@ForAll("arrays") NdArray array)
            throws IOException {
        // A Fortran-order file of shape s holds the C-order array of shape reverse(s): element
        // (i0, ..., ik) of the array read is element (ik, ..., i0) of the one stored.
        int[] shape = array.shape().toArray();
        int rank = shape.length;
        int[] reversed = new int[rank];
        for (int i = 0; i < rank; i++) {
            reversed[i] = shape[rank - 1 - i];
        }
        NdArray stored = array.reshape(reversed);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ElementCodec.write(data, stored, ByteOrder.LITTLE_ENDIAN);
        String descr = new String(Npy.header(stored, ByteOrder.LITTLE_ENDIAN),
                java.nio.charset.StandardCharsets.US_ASCII).split("'descr': '")[1].substring(0, 3);
        byte[] file = NpyTest.npy("{'descr': '" + descr + "', 'fortran_order': True, 'shape': "
                + tuple(shape) + ", }", data.toByteArray());
        NdArray read = Npy.read(new ByteArrayInputStream(file), "f.npy", file.length);
        assertEquals(array.shape(), read.shape());
        assertEquals(array.elementType(), read.elementType());
        long[] storedBits = bits(stored);
        long[] readBits = bits(read);
        int[] index = new int[rank];
        for (int flat = 0; flat < array.size(); flat++) {
            int source = 0;
            for (int axis = 0; axis < rank; axis++) {
                source = source * reversed[axis] + index[rank - 1 - axis];
            }
            assertEquals(storedBits[source], readBits[flat], Arrays.toString(index));
            for (int axis = rank - 1; axis >= 0 && ++index[axis] == shape[axis]; axis--) {
                index[axis] = 0;
            }
        }
    }

    private static long[] bits(NdArray array) {
        if (array.elementType().isIntegral()) {
            return array.toLongArray();
        }
        return Arrays.stream(array.toDoubleArray()).mapToLong(Double::doubleToRawLongBits)
                .toArray();
    }

    private static String tuple(int[] dims) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            text.append(i == 0 ? "" : ", ").append(dims[i]);
        }
        return text.append(dims.length == 1 ? ",)" : ")").toString();
    }

    /** Arrays of every element type, rank 0 to 4, dimensions 0 to 4, random bits. */
    @Provide
    Arbitrary<NdArray> arrays() {
        Arbitrary<int[]> shapes = Arbitraries.integers().between(0, 4).array(int[].class)
                .ofMinSize(0).ofMaxSize(4);
        return Combinators.combine(Arbitraries.of(ElementType.class), shapes,
                Arbitraries.longs()).as(NpyPropertiesTest::random);
    }

    static NdArray random(ElementType type, int[] shape, long seed) {
        Random random = new Random(seed);
        int n = Shape.of(shape).size();
        switch (type) {
            case BOOL: {
                boolean[] values = new boolean[n];
                for (int i = 0; i < n; i++) {
                    values[i] = random.nextBoolean();
                }
                return NdArray.ofBooleans(values, shape);
            }
            case UINT8:
            case INT8: {
                byte[] values = new byte[n];
                random.nextBytes(values);
                return type == ElementType.UINT8 ? NdArray.ofUnsignedBytes(values, shape)
                        : NdArray.ofBytes(values, shape);
            }
            case INT16: {
                short[] values = new short[n];
                for (int i = 0; i < n; i++) {
                    values[i] = (short) random.nextInt();
                }
                return NdArray.ofShorts(values, shape);
            }
            case INT32:
                return NdArray.ofInts(random.ints(n).toArray(), shape);
            case INT64:
                return NdArray.ofLongs(random.longs(n).toArray(), shape);
            case FLOAT32: {
                float[] values = new float[n];
                for (int i = 0; i < n; i++) {
                    values[i] = Float.intBitsToFloat(random.nextInt()); // any bits, NaNs too
                }
                return NdArray.ofFloats(values, shape);
            }
            default: {
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    values[i] = Double.longBitsToDouble(random.nextLong());
                }
                return NdArray.ofDoubles(values, shape);
            }
        }
    }
}
