package org.careledger.infra.elicense;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.careledger.kernel.licence.FilingCertificate;

/**
 * Checks a filing certificate without the server: the JSON answered by
 * {@code GET /api/v1/public/certificates/{number}} and the base64 public key published at
 * {@code GET /api/v1/public/certificates/public-key}: either its {@code publicKey} alone, or the whole
 * JSON answer, whose {@code keys} list every key still valid; the certificate's {@code keyId} then
 * chooses the key, so certificates signed before a key rotation still verify.
 *
 * <pre>
 *   java -cp infra/target/careledger.jar -Dloader.main=org.careledger.infra.elicense.OfflineCertificateVerifier \
 *        org.springframework.boot.loader.launch.PropertiesLauncher certificate.json public-key.txt
 * </pre>
 * Prints {@code VALID} and exits 0, or {@code INVALID: reason} and exits 1.
 */
public final class OfflineCertificateVerifier {

    private OfflineCertificateVerifier() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: OfflineCertificateVerifier <certificate.json> <public-key.txt or public-key answer .json>");
            System.exit(2);
        }
        String keys = Files.readString(Path.of(args[1])).trim();
        byte[] certificate = Files.readAllBytes(Path.of(args[0]));
        String result = keys.startsWith("{") ? verifyWithKeySet(certificate, keys) : verify(certificate, keys);
        System.out.println(result);
        System.exit(result.equals("VALID") ? 0 : 1);
    }

    /** @return "VALID", or "INVALID: reason" */
    public static String verify(byte[] certificateJson, String publicKeyBase64) {
        try {
            JsonNode root = new ObjectMapper().readTree(certificateJson);
            JsonNode c = root.has("certificate") ? root.get("certificate") : root;
            FilingCertificate certificate = new FilingCertificate(text(c, "certificateNumber"), text(c, "filingNumber"),
                    text(c, "institutionName"), text(c, "creditCode"), text(c, "division"), text(c, "issuerCreditCode"),
                    Instant.parse(text(c, "issuedAt")));
            if (!FilingCertificate.validNumber(certificate.certificateNumber())) {
                return "INVALID: the certificate number's check character is wrong";
            }
            PublicKey key = KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64)));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(certificate.canonicalBytes());
            return verifier.verify(Base64.getDecoder().decode(text(root, "signature"))) ? "VALID" : "INVALID: bad signature";
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return "INVALID: " + e.getClass().getSimpleName();
        }
    }

    /**
     * Verifies against the published key set (the answer of the public-key endpoint): the key whose
     * id the certificate answer names, or the current key for an answer without a key id.
     *
     * @return "VALID", or "INVALID: reason"
     */
    public static String verifyWithKeySet(byte[] certificateJson, String keySetJson) {
        try {
            ObjectMapper json = new ObjectMapper();
            JsonNode keySet = json.readTree(keySetJson);
            JsonNode keyId = json.readTree(certificateJson).get("keyId");
            String wanted = keyId != null && keyId.isTextual() ? keyId.asText() : text(keySet, "keyId");
            JsonNode keys = keySet.get("keys");
            if (keys != null && keys.isArray()) {
                for (JsonNode key : keys) {
                    if (wanted.equals(text(key, "keyId"))) {
                        return verify(certificateJson, text(key, "publicKey"));
                    }
                }
            }
            if (wanted.equals(text(keySet, "keyId"))) {
                return verify(certificateJson, text(keySet, "publicKey"));
            }
            return "INVALID: no published key has the id " + wanted;
        } catch (IOException | RuntimeException e) {
            return "INVALID: " + e.getClass().getSimpleName();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return value.asText();
    }
}
