package org.careledger.kernel.concurrent;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A round of work repeated on a daemon thread of its own, with a fixed delay between the end of
 * one round and the start of the next: the one home of the start/stop code of CareLedger's
 * background loops (the cluster heartbeat, the ledger, the rate-limit purge). Never a Netty event
 * loop, never a shared scheduler: a slow round delays only its own next round.
 *
 * <p>A round that throws is logged and the next one runs as planned (a plain
 * {@link ScheduledExecutorService} would silently stop repeating it). A component with a start and
 * a stop keeps its task in a {@link Slot}.
 */
public final class RepeatingTask {

    private static final Logger log = LoggerFactory.getLogger(RepeatingTask.class);

    private final String name;
    private final ScheduledExecutorService executor;

    private RepeatingTask(String name, ScheduledExecutorService executor) {
        this.name = name;
        this.executor = executor;
    }

    /**
     * Starts repeating {@code round} on a new daemon thread named {@code name}: first after
     * {@code initialDelay}, then {@code delay} after each round ended.
     */
    public static RepeatingTask start(String name, Duration initialDelay, Duration delay, Runnable round) {
        Objects.requireNonNull(round, "round");
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("the delay of " + name + " must be positive: " + delay);
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                round.run();
            } catch (RuntimeException e) {
                log.warn("{} round failed, retrying in {}: {}", name, delay, e.toString());
            }
        }, Math.max(0, initialDelay.toMillis()), delay.toMillis(), TimeUnit.MILLISECONDS);
        return new RepeatingTask(name, executor);
    }

    /** Whether rounds are still planned (false once {@link #stop} was called). */
    public boolean isRunning() {
        return !executor.isShutdown();
    }

    /**
     * Plans no more rounds and waits up to {@code grace} for a running one to end; past that it is
     * interrupted. Idempotent.
     */
    public void stop(Duration grace) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.info("{}: the running round did not end within {}, interrupting it", name, grace);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "RepeatingTask[" + name + "]";
    }

    /**
     * Where a component that is started and stopped (a lifecycle bean) keeps its task: at most one
     * task runs from {@link #start} to {@link #stop}; starting a running slot and stopping a stopped
     * one do nothing, so a component can be stopped and started again.
     */
    public static final class Slot {

        private RepeatingTask task;

        /** Starts the task as {@link RepeatingTask#start} does, unless this slot's task runs already. */
        public synchronized void start(String name, Duration initialDelay, Duration delay, Runnable round) {
            if (task == null) {
                task = RepeatingTask.start(name, initialDelay, delay, round);
            }
        }

        /** Stops the slot's task, if one runs, as {@link RepeatingTask#stop} does; the slot can start again. */
        public void stop(Duration grace) {
            RepeatingTask current;
            synchronized (this) {
                current = task;
                task = null;
            }
            if (current != null) {
                current.stop(grace);
            }
        }
    }
}
