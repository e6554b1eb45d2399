package org.careledger.query.certificate;

import java.time.Instant;

/**
 * A filing certificate as the public verification answers it: its signed content, format,
 * algorithm, key id and signature (checkable offline with the published key), and its current
 * status with the time it last changed.
 */
public record CertificateAnswer(CertificateContent certificate, String format, String algorithm, String keyId,
                                String signature, String status, Instant statusChangedAt) {
}
