package org.careledger.infra.support;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Proves the BlockHound guard every test relies on is installed in this test JVM. */
class BlockHoundIsActiveTest {

    @Test
    void sleepingOnANonBlockingThreadFails() {
        assertThatThrownBy(() -> Mono.delay(Duration.ofMillis(1))
                .publishOn(Schedulers.parallel())
                .doOnNext(x -> {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .block())
                .hasMessageContaining("Blocking call");
    }
}
