package org.careledger.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimitStoreKeyTest {

    @Test
    void shortKeysAreStoredAsTheyAreLongOnesAsTheirHashWithinTheColumn() {
        assertThat(RateLimitStore.storeKey("127.0.0.1")).isEqualTo("127.0.0.1");
        String subject = "s".repeat(1000);
        String stored = RateLimitStore.storeKey(subject);
        assertThat(stored).startsWith("sha256:").hasSizeLessThanOrEqualTo(255).isEqualTo(RateLimitStore.storeKey(subject));
        assertThat(RateLimitStore.storeKey("t".repeat(1000))).isNotEqualTo(stored);
    }
}
