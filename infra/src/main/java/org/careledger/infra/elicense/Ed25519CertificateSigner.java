package org.careledger.infra.elicense;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import org.careledger.command.filing.FilingCertificateSigner;
import org.careledger.infra.store.CareLedgerDataDirectory;
import org.careledger.kernel.value.CreditCode;
import org.careledger.kernel.value.DivisionCode;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Signs filing certificates with Ed25519 (JDK built-in). The private key comes from
 * {@code careledger.certificates.signing-key} (base64 PKCS#8); without it, one is generated on
 * first start and kept in the data directory. The key id is the first 16 hex digits of the
 * SHA-256 of the public key, so verifiers can tell keys apart.
 */
@Component
@EnableConfigurationProperties(Ed25519CertificateSigner.CertificateProperties.class)
public class Ed25519CertificateSigner implements FilingCertificateSigner {

    /**
     * @param signingKey base64 PKCS#8 Ed25519 private key (optional; with {@code publicKey})
     * @param publicKey  base64 X.509 Ed25519 public key matching {@code signingKey}
     * @param issuers    division-code prefix → credit code of the issuing health commission
     */
    @ConfigurationProperties("careledger.certificates")
    public record CertificateProperties(String signingKey, String publicKey, Map<String, String> issuers) {
        public CertificateProperties {
            issuers = issuers == null ? Map.of() : Map.copyOf(issuers);
        }
    }

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;
    private final Map<String, String> issuers;

    public Ed25519CertificateSigner(CertificateProperties properties, CareLedgerDataDirectory dataDirectory) {
        try {
            byte[][] pair = properties.signingKey() == null || properties.signingKey().isBlank()
                    ? loadOrCreate(dataDirectory.resolve("keys"))
                    : new byte[][] {Base64.getDecoder().decode(properties.signingKey().trim()),
                            Base64.getDecoder().decode(properties.publicKey().trim())};
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            this.privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(pair[0]));
            this.publicKey = factory.generatePublic(new X509EncodedKeySpec(pair[1]));
            this.keyId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded()))
                    .substring(0, 16);
            this.issuers = properties.issuers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot load the certificate signing key", e);
        }
    }

    @Override
    public String keyId() {
        return keyId;
    }

    @Override
    public String sign(byte[] content) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(content);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a certificate", e);
        }
    }

    /**
     * The configured issuer for the longest matching division prefix; otherwise a stand-in code
     * derived from the division ("11" + division + "MB0000000" + GB 32100 check character), to
     * be replaced by the commission's real credit code through configuration.
     */
    @Override
    public String issuerCreditCode(DivisionCode division) {
        for (String prefix : new String[] {division.value(), division.value().substring(0, 4), division.value().substring(0, 2)}) {
            String configured = issuers.get(prefix);
            if (configured != null) {
                return CreditCode.parse(configured).value();
            }
        }
        String first17 = "11" + division.value() + "MB0000000";
        return first17 + CreditCode.checkCharacterFor(first17);
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key as base64 X.509 (SubjectPublicKeyInfo), as published. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** The key pair kept in the data directory: [PKCS#8 private, X.509 public]. */
    private static byte[][] loadOrCreate(Path dir) throws IOException, GeneralSecurityException {
        Path privateFile = dir.resolve("certificate-ed25519.pk8");
        Path publicFile = dir.resolve("certificate-ed25519.pub");
        if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.write(dir.resolve("certificate-ed25519.pub.tmp"), pair.getPublic().getEncoded());
            Files.move(dir.resolve("certificate-ed25519.pub.tmp"), publicFile, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            Files.write(dir.resolve("certificate-ed25519.pk8.tmp"), pair.getPrivate().getEncoded());
            Files.move(dir.resolve("certificate-ed25519.pk8.tmp"), privateFile, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        }
        return new byte[][] {Files.readAllBytes(privateFile), Files.readAllBytes(publicFile)};
    }
}
