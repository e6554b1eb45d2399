package org.careledger.benchmark;

import java.time.Duration;

/** A point in time after which loops stop: every loop of the harness is bounded by one. */
final class Deadline {

    private final long endNanos;

    private Deadline(long endNanos) {
        this.endNanos = endNanos;
    }

    static Deadline in(Duration d) {
        return new Deadline(System.nanoTime() + d.toNanos());
    }

    /** The earlier of this deadline and one {@code d} from now. */
    Deadline within(Duration d) {
        return new Deadline(Math.min(endNanos, System.nanoTime() + d.toNanos()));
    }

    boolean passed() {
        return System.nanoTime() >= endNanos;
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }
}
