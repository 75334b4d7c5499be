package jgrad.core;

import java.util.Arrays;

/**
 * A map from node ids to ints (positions in a topological order, or marks), with open
 * addressing over primitive arrays: the backward pass looks a node up once per edge, and boxed
 * {@code Long} keys in a {@code HashMap} cost more than the arithmetic of a small operation.
 * Not thread-safe; one pass owns one.
 */
final class NodeIndex {

    private static final long EMPTY = -1; // node ids start at 0

    private long[] keys;
    private int[] values;
    private int size;

    NodeIndex(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(keys, EMPTY);
    }

    /** What {@link #get} returns for an id that is absent. */
    static final int ABSENT = Integer.MIN_VALUE;

    /** The value for {@code id}, or {@link #ABSENT}. */
    int get(long id) {
        int mask = keys.length - 1;
        for (int slot = hash(id) & mask; ; slot = (slot + 1) & mask) {
            long key = keys[slot];
            if (key == id) {
                return values[slot];
            }
            if (key == EMPTY) {
                return ABSENT;
            }
        }
    }

    /** Whether {@code id} is present. */
    boolean contains(long id) {
        return get(id) != ABSENT;
    }

    /** Maps {@code id} to {@code value} (not {@link #ABSENT}), replacing any previous value. */
    void put(long id, int value) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int slot = hash(id) & mask; ; slot = (slot + 1) & mask) {
            long key = keys[slot];
            if (key == id) {
                values[slot] = value;
                return;
            }
            if (key == EMPTY) {
                keys[slot] = id;
                values[slot] = value;
                size++;
                return;
            }
        }
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    /** Fibonacci hashing: consecutive ids (the usual case) spread over the table. */
    private static int hash(long id) {
        return (int) ((id * 0x9E3779B97F4A7C15L) >>> 32);
    }
}
