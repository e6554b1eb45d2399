package org.careledger.infra.elicense;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Publishes the key that verifies filing certificates (public, no token). */
@RestController
public class CertificateKeyController {

    private final Ed25519CertificateSigner signer;

    public CertificateKeyController(Ed25519CertificateSigner signer) {
        this.signer = signer;
    }

    public record PublicKeyAnswer(String keyId, String algorithm, String format, String publicKey) {
    }

    @GetMapping("/api/v1/public/certificates/public-key")
    public PublicKeyAnswer publicKey() {
        return new PublicKeyAnswer(signer.keyId(), "Ed25519", "X.509 SubjectPublicKeyInfo, base64", signer.publicKeyBase64());
    }
}
