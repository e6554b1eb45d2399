package org.careledger.infra.elicense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.careledger.kernel.licence.FilingCertificate;
import org.careledger.kernel.value.DivisionCode;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * The certificate key can be rotated without invalidating issued certificates (ADR 0024): the
 * previous public keys stay published next to the current one, and a verifier given the published
 * answer picks the key by the certificate's key id. With external stores the key is required.
 */
class CertificateKeyRotationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getEncoder();

    @Test
    void certificatesSignedBeforeARotationStillVerifyAgainstThePublishedKeys() throws Exception {
        KeyPair oldPair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair newPair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Ed25519CertificateSigner before = signer(oldPair, List.of(), external());
        byte[] oldCertificate = certificate(before, "旋转前托育中心");

        Ed25519CertificateSigner after = signer(newPair, List.of(B64.encodeToString(oldPair.getPublic().getEncoded())), external());
        byte[] newCertificate = certificate(after, "旋转后托育中心");
        String published = JSON.writeValueAsString(new CertificateKeyController(after).publicKey());

        assertThat(after.publishedKeys()).extracting(Ed25519CertificateSigner.PublishedKey::keyId)
                .containsExactly(after.keyId(), before.keyId());
        assertThat(after.publishedKeys().get(0).current()).isTrue();
        assertThat(OfflineCertificateVerifier.verifyWithKeySet(oldCertificate, published)).isEqualTo("VALID");
        assertThat(OfflineCertificateVerifier.verifyWithKeySet(newCertificate, published)).isEqualTo("VALID");

        // without the previous key listed, the old certificate no longer verifies
        Ed25519CertificateSigner forgetful = signer(newPair, List.of(), external());
        String withoutOld = JSON.writeValueAsString(new CertificateKeyController(forgetful).publicKey());
        assertThat(OfflineCertificateVerifier.verifyWithKeySet(oldCertificate, withoutOld)).startsWith("INVALID");
        assertThat(OfflineCertificateVerifier.verifyWithKeySet(newCertificate, withoutOld)).isEqualTo("VALID");
    }

    @Test
    void withExternalStoresTheSigningKeyIsRequiredAndMustMatchItsPublicKey() throws Exception {
        Ed25519CertificateSigner.CertificateProperties none = new Ed25519CertificateSigner.CertificateProperties(null, null, null, null);
        assertThatThrownBy(() -> new Ed25519CertificateSigner(none, null, external()))
                .hasMessageContaining("careledger.certificates.signing-key");
        KeyPair one = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Ed25519CertificateSigner.CertificateProperties mismatched = new Ed25519CertificateSigner.CertificateProperties(
                B64.encodeToString(one.getPrivate().getEncoded()), B64.encodeToString(other.getPublic().getEncoded()), null, null);
        assertThatThrownBy(() -> new Ed25519CertificateSigner(mismatched, null, external()))
                .hasMessageContaining("not the public key");
    }

    private static MockEnvironment external() {
        return new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/careledger");
    }

    private static Ed25519CertificateSigner signer(KeyPair pair, List<String> previous, MockEnvironment env) {
        return new Ed25519CertificateSigner(new Ed25519CertificateSigner.CertificateProperties(
                B64.encodeToString(pair.getPrivate().getEncoded()), B64.encodeToString(pair.getPublic().getEncoded()),
                null, previous), null, env);
    }

    /** A certificate as the public certificate endpoint answers it: content, signature and key id. */
    private static byte[] certificate(Ed25519CertificateSigner signer, String name) throws Exception {
        String issuer = signer.issuerCreditCode(DivisionCode.parse("370830"));
        FilingCertificate c = new FilingCertificate(FilingCertificate.number(issuer, 2026, 42), "鲁济汶托备2026001", name,
                "52370830MJ00000010", "370830", issuer, Instant.parse("2026-12-02T08:00:00Z"));
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("certificateNumber", c.certificateNumber());
        content.put("filingNumber", c.filingNumber());
        content.put("institutionName", c.institutionName());
        content.put("creditCode", c.creditCode());
        content.put("division", c.division());
        content.put("issuerCreditCode", c.issuerCreditCode());
        content.put("issuedAt", c.issuedAt().toString());
        return JSON.writeValueAsBytes(Map.of("certificate", content, "signature", signer.sign(c.canonicalBytes()),
                "keyId", signer.keyId()));
    }
}
