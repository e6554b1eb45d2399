package org.careledger.infra.elicense;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Publishes the keys that verify filing certificates (public, no token): the current signing key,
 * and in {@code keys} every key whose certificates are still valid (the current one and those in
 * {@code careledger.certificates.previous-public-keys}), so the signing key can be rotated without
 * invalidating certificates already issued. Every instance answers the same (ADR 0024).
 */
@RestController
public class CertificateKeyController {

    private final Ed25519CertificateSigner signer;

    public CertificateKeyController(Ed25519CertificateSigner signer) {
        this.signer = signer;
    }

    public record PublicKeyAnswer(String keyId, String algorithm, String format, String publicKey,
                                  List<Ed25519CertificateSigner.PublishedKey> keys) {
    }

    @GetMapping("/api/v1/public/certificates/public-key")
    public PublicKeyAnswer publicKey() {
        return new PublicKeyAnswer(signer.keyId(), "Ed25519", "X.509 SubjectPublicKeyInfo, base64", signer.publicKeyBase64(),
                signer.publishedKeys());
    }
}
