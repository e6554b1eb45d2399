package org.careledger.benchmark;

import java.util.Arrays;

/** Latency samples in nanoseconds and their percentiles (nearest rank). */
final class Stats {

    private long[] samples = new long[1024];
    private int count;
    private final int capacity;

    Stats(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(long nanos) {
        if (count == capacity) {
            return;
        }
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, Math.min(capacity, samples.length * 2));
        }
        samples[count++] = nanos;
    }

    synchronized void addAll(Stats other) {
        long[] theirs;
        int n;
        synchronized (other) {
            theirs = Arrays.copyOf(other.samples, other.count);
            n = other.count;
        }
        for (int i = 0; i < n; i++) {
            add(theirs[i]);
        }
    }

    synchronized int count() {
        return count;
    }

    /** The p-th percentile in milliseconds (p in 0..100), or null without samples. */
    synchronized Double percentileMs(double p) {
        if (count == 0) {
            return null;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        int index = Math.min(count - 1, Math.max(0, rank - 1));
        return sorted[index] / 1_000_000.0;
    }

    synchronized Double meanMs() {
        if (count == 0) {
            return null;
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += samples[i];
        }
        return sum / count / 1_000_000.0;
    }
}
