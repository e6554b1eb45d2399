package org.careledger.query.whitelist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The white-list's refresh keeps running when reads are slower than its interval, or fail. */
class PublicWhiteListRefreshTest {

    @Test
    void slowAndFailingReadsSkipTicksButNeverEndTheRefresh() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        AtomicInteger started = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        // every read takes ten intervals; every third one fails
        Disposable refresh = PublicWhiteList.everyInterval(Duration.ofSeconds(2), () -> {
            int n = started.incrementAndGet();
            return Mono.delay(Duration.ofSeconds(20), time).then(n % 3 == 0
                    ? Mono.error(new IllegalStateException("store unavailable"))
                    : Mono.<Void>empty().doOnSuccess(v -> finished.incrementAndGet()));
        }, time).subscribe();
        try {
            time.advanceTimeBy(Duration.ofMinutes(10));
            // about one read per 20 s (ticks in between are skipped), failures included, never two at once
            assertThat(started.get()).isBetween(25, 31);
            assertThat(finished.get()).isGreaterThanOrEqualTo(started.get() * 2 / 3 - 1);
            assertThat(refresh.isDisposed()).isFalse();
        } finally {
            refresh.dispose();
        }
    }
}
