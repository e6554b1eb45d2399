package org.careledger.kernel.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class RepeatingTaskTest {

    @Test
    void repeatsOnItsOwnDaemonThreadAndKeepsGoingAfterAFailedRound() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        AtomicReference<Thread> thread = new AtomicReference<>();
        CountDownLatch five = new CountDownLatch(5);
        RepeatingTask task = RepeatingTask.start("test-loop", Duration.ZERO, Duration.ofMillis(10), () -> {
            thread.set(Thread.currentThread());
            five.countDown();
            if (rounds.incrementAndGet() == 2) {
                throw new IllegalStateException("a failed round");
            }
        });
        try {
            assertThat(five.await(10, TimeUnit.SECONDS)).as("rounds go on after the failed second one").isTrue();
            assertThat(thread.get().getName()).isEqualTo("test-loop");
            assertThat(thread.get().isDaemon()).isTrue();
            assertThat(task.isRunning()).isTrue();
        } finally {
            task.stop(Duration.ofSeconds(5));
        }
        assertThat(task.isRunning()).isFalse();
        int after = rounds.get();
        Thread.sleep(100);
        assertThat(rounds.get()).as("no round after stop").isEqualTo(after);
    }

    @Test
    void stopWaitsForTheRunningRoundWithinTheGraceAndInterruptsItAfter() throws Exception {
        CountDownLatch inRound = new CountDownLatch(1);
        AtomicReference<Boolean> interrupted = new AtomicReference<>();
        RepeatingTask task = RepeatingTask.start("slow-loop", Duration.ZERO, Duration.ofSeconds(1), () -> {
            inRound.countDown();
            try {
                Thread.sleep(60_000);
                interrupted.set(false);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        assertThat(inRound.await(10, TimeUnit.SECONDS)).isTrue();
        long started = System.nanoTime();
        task.stop(Duration.ofMillis(200));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        Thread.sleep(100);
        assertThat(interrupted.get()).isTrue();
    }

    @Test
    void aSlotRunsAtMostOneTaskAndCanStartAgainAfterStop() throws Exception {
        RepeatingTask.Slot slot = new RepeatingTask.Slot();
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        slot.stop(Duration.ofSeconds(1)); // stopping a slot that never started does nothing
        slot.start("slot-loop", Duration.ZERO, Duration.ofMillis(10), first::incrementAndGet);
        slot.start("slot-loop", Duration.ZERO, Duration.ofMillis(10), second::incrementAndGet);
        Thread.sleep(100);
        slot.stop(Duration.ofSeconds(5));
        assertThat(first.get()).isPositive();
        assertThat(second.get()).as("a running slot does not start a second task").isZero();
        int after = first.get();

        CountDownLatch again = new CountDownLatch(1);
        slot.start("slot-loop", Duration.ZERO, Duration.ofMillis(10), again::countDown);
        try {
            assertThat(again.await(10, TimeUnit.SECONDS)).as("a stopped slot starts again").isTrue();
        } finally {
            slot.stop(Duration.ofSeconds(5));
        }
        Thread.sleep(100);
        assertThat(first.get()).as("the first task stopped for good").isEqualTo(after);
    }
}
