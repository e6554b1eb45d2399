package org.careledger.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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

    /**
     * Runs the tasks on {@code threads} daemon threads named {@code name} and waits for all of
     * them, no longer than this deadline; a task's failure is rethrown.
     */
    void runAll(String name, int threads, List<? extends Callable<?>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Callable<?> task : tasks) {
                futures.add(pool.submit(task));
            }
            for (Future<?> f : futures) {
                f.get(Math.max(1, remaining().toMillis()), TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }
}
