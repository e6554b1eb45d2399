package org.careledger.command.licence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates notifications from an e-license platform: {@code X-Signature} is the hex
 * HMAC-SHA256, under the platform's shared secret, of {@code timestamp + "\n" + nonce + "\n" + body};
 * the timestamp (epoch seconds) must be within the allowed clock skew. Comparison is constant-time.
 */
public final class NotificationSignature {

    private NotificationSignature() {
    }

    public static String sign(String secret, String timestamp, String nonce, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean valid(String secret, String timestamp, String nonce, byte[] body, String signature) {
        if (signature == null || timestamp == null || nonce == null) {
            return false;
        }
        byte[] expected = sign(secret, timestamp, nonce, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.trim().toLowerCase(java.util.Locale.ROOT)
                .getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether an epoch-seconds timestamp lies within the allowed skew of now. */
    public static boolean fresh(String timestamp, Instant now, Duration maxSkew) {
        try {
            Instant at = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
            return !at.isBefore(now.minus(maxSkew)) && !at.isAfter(now.plus(maxSkew));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
