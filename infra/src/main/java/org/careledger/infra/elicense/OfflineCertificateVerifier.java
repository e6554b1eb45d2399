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
 * {@code GET /api/v1/public/certificates/public-key}.
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
            System.err.println("usage: OfflineCertificateVerifier <certificate.json> <public-key.txt>");
            System.exit(2);
        }
        String result = verify(Files.readAllBytes(Path.of(args[0])), Files.readString(Path.of(args[1])).trim());
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

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return value.asText();
    }
}
