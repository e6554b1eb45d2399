package org.careledger.command.filing;

/**
 * Signs filing certificates (Ed25519). The key comes from configuration; the embedded default
 * generates one and keeps it in the data directory. Signing is pure computation, no I/O.
 */
public interface FilingCertificateSigner {

    /** Identifies the key, so verifiers know which published public key to use. */
    String keyId();

    /** Base64 signature over the bytes. */
    String sign(byte[] content);

    /** The unified social credit code of the health commission that issues certificates for a division. */
    String issuerCreditCode(org.careledger.kernel.value.DivisionCode division);
}
