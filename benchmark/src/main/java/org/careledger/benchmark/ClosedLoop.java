package org.careledger.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A closed loop: each of N clients sends its next request when the previous one was answered,
 * through a warm-up and then a measured window; only requests sent and answered inside the window
 * count, and every client stops at the window's end (or at the run's deadline).
 */
final class ClosedLoop {

    /** One client: sends its next request and answers the HTTP status (-1: no answer). */
    interface Client {
        int send() throws Exception;
    }

    /** Answers in the window: successful (2xx, with their latencies), 409, and everything else. */
    record Result(long ok, long conflicts, long errors, double seconds, Stats latency) {
    }

    private ClosedLoop() {
    }

    static Result run(int clients, Duration warmup, Duration measured, Deadline deadline, String name,
                      IntFunction<Client> clientFor) throws InterruptedException {
        long warmupEnd = System.nanoTime() + warmup.toNanos();
        long measureEnd = warmupEnd + measured.toNanos();
        Stats latency = new Stats(5_000_000);
        AtomicLong ok = new AtomicLong();
        AtomicLong conflicts = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            Client client = clientFor.apply(t);
            Thread thread = new Thread(() -> {
                Stats mine = new Stats(1_000_000);
                while (true) {
                    long start = System.nanoTime();
                    if (start >= measureEnd || deadline.passed()) {
                        break;
                    }
                    int status;
                    try {
                        status = client.send();
                    } catch (Exception e) {
                        status = -1;
                    }
                    long end = System.nanoTime();
                    if (start >= warmupEnd && end <= measureEnd) {
                        if (status >= 200 && status < 300) {
                            mine.add(end - start);
                            ok.incrementAndGet();
                        } else if (status == 409) {
                            conflicts.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                }
                latency.addAll(mine);
            }, name + "-client-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(Math.max(1, (measureEnd - System.nanoTime()) / 1_000_000) + 60_000);
        }
        return new Result(ok.get(), conflicts.get(), errors.get(), measured.toNanos() / 1e9, latency);
    }
}
