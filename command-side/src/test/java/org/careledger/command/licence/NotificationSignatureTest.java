package org.careledger.command.licence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class NotificationSignatureTest {

    private final byte[] body = "{\"change\":\"REVOKED\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aSignatureOverTimestampNonceAndBodyVerifies() {
        String sig = NotificationSignature.sign("s3cret", "1795400000", "n1", body);
        assertThat(sig).hasSize(64).matches("[0-9a-f]+");
        assertThat(NotificationSignature.valid("s3cret", "1795400000", "n1", body, sig)).isTrue();
        assertThat(NotificationSignature.valid("s3cret", "1795400000", "n1", body, sig.toUpperCase())).isTrue();
    }

    @Test
    void changingAnyPartBreaksTheSignature() {
        String sig = NotificationSignature.sign("s3cret", "1795400000", "n1", body);
        assertThat(NotificationSignature.valid("other", "1795400000", "n1", body, sig)).isFalse();
        assertThat(NotificationSignature.valid("s3cret", "1795400001", "n1", body, sig)).isFalse();
        assertThat(NotificationSignature.valid("s3cret", "1795400000", "n2", body, sig)).isFalse();
        assertThat(NotificationSignature.valid("s3cret", "1795400000", "n1", "{}".getBytes(StandardCharsets.UTF_8), sig)).isFalse();
        assertThat(NotificationSignature.valid("s3cret", "1795400000", "n1", body, null)).isFalse();
    }

    @Test
    void timestampsOutsideTheSkewAreStale() {
        Instant now = Instant.ofEpochSecond(1_795_400_000L);
        assertThat(NotificationSignature.fresh("1795400000", now, Duration.ofMinutes(5))).isTrue();
        assertThat(NotificationSignature.fresh("1795399000", now, Duration.ofMinutes(5))).isFalse();
        assertThat(NotificationSignature.fresh("1795401000", now, Duration.ofMinutes(5))).isFalse();
        assertThat(NotificationSignature.fresh("soon", now, Duration.ofMinutes(5))).isFalse();
    }
}
