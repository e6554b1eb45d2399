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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.careledger.command.filing.FilingCertificateSigner;
import org.careledger.infra.store.CareLedgerDataDirectory;
import org.careledger.kernel.value.CreditCode;
import org.careledger.kernel.value.DivisionCode;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Signs filing certificates with Ed25519 (JDK built-in). The private key comes from
 * {@code careledger.certificates.signing-key} (base64 PKCS#8) with its
 * {@code careledger.certificates.public-key}; without them, with the embedded default only, a pair
 * is generated on first start and kept in the data directory. With external stores they are
 * required: every instance must sign with the same key (ADR 0024). The key id is the first 16 hex
 * digits of the SHA-256 of the public key, so verifiers can tell keys apart.
 *
 * <p>Rotation: the keys that signed earlier certificates stay published, and verify them, while
 * they are listed in {@code careledger.certificates.previous-public-keys}.
 */
@Component
@EnableConfigurationProperties(Ed25519CertificateSigner.CertificateProperties.class)
public class Ed25519CertificateSigner implements FilingCertificateSigner {

    /**
     * @param signingKey base64 PKCS#8 Ed25519 private key (optional; with {@code publicKey})
     * @param publicKey  base64 X.509 Ed25519 public key matching {@code signingKey}
     * @param issuers    division-code prefix → credit code of the issuing health commission
     * @param previousPublicKeys base64 X.509 Ed25519 public keys of earlier signing keys whose
     *                   certificates are still valid (published and accepted next to the current key)
     */
    @ConfigurationProperties("careledger.certificates")
    public record CertificateProperties(String signingKey, String publicKey, Map<String, String> issuers,
                                        List<String> previousPublicKeys) {
        public CertificateProperties {
            issuers = issuers == null ? Map.of() : Map.copyOf(issuers);
            previousPublicKeys = previousPublicKeys == null ? List.of() : List.copyOf(previousPublicKeys);
        }
    }

    /** A published verification key. */
    public record PublishedKey(String keyId, String algorithm, String format, String publicKey, boolean current) {
    }

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;
    private final Map<String, String> issuers;
    private final List<PublishedKey> publishedKeys;

    public Ed25519CertificateSigner(CertificateProperties properties, CareLedgerDataDirectory dataDirectory, Environment env) {
        boolean configured = properties.signingKey() != null && !properties.signingKey().isBlank();
        if (!configured && !env.getProperty("spring.datasource.url", "").isBlank()) {
            throw new IllegalStateException("careledger.certificates.signing-key and careledger.certificates.public-key are "
                    + "required with external stores (an Ed25519 key pair, base64 PKCS#8 and X.509): every instance must "
                    + "sign certificates with the same key; see docs/scale-out.md");
        }
        if (configured && (properties.publicKey() == null || properties.publicKey().isBlank())) {
            throw new IllegalStateException("careledger.certificates.public-key is required with careledger.certificates.signing-key");
        }
        try {
            byte[][] pair = !configured
                    ? loadOrCreate(dataDirectory.resolve("keys"))
                    : new byte[][] {Base64.getDecoder().decode(properties.signingKey().trim()),
                            Base64.getDecoder().decode(properties.publicKey().trim())};
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            this.privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(pair[0]));
            this.publicKey = factory.generatePublic(new X509EncodedKeySpec(pair[1]));
            this.keyId = keyIdOf(publicKey);
            this.issuers = properties.issuers();
            if (!matches(privateKey, publicKey)) {
                throw new IllegalStateException("careledger.certificates.public-key is not the public key of "
                        + "careledger.certificates.signing-key");
            }
            List<PublishedKey> keys = new ArrayList<>();
            keys.add(published(publicKey, true));
            for (String previous : properties.previousPublicKeys()) {
                PublicKey key = factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(previous.trim())));
                if (!keyIdOf(key).equals(keyId)) {
                    keys.add(published(key, false));
                }
            }
            this.publishedKeys = List.copyOf(keys);
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot load the certificate signing key or a previous public key", e);
        }
    }

    private static String keyIdOf(PublicKey key) throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded())).substring(0, 16);
    }

    private static PublishedKey published(PublicKey key, boolean current) throws GeneralSecurityException {
        return new PublishedKey(keyIdOf(key), "Ed25519", "X.509 SubjectPublicKeyInfo, base64",
                Base64.getEncoder().encodeToString(key.getEncoded()), current);
    }

    /** Whether the pair belongs together: a probe signed with the private key verifies with the public one. */
    private static boolean matches(PrivateKey privateKey, PublicKey publicKey) throws GeneralSecurityException {
        byte[] probe = "careledger-certificate-key-probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(privateKey);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update(probe);
        return verifier.verify(signature);
    }

    /** Every key that verifies certificates still valid: the current one first, then the previous ones. */
    public List<PublishedKey> publishedKeys() {
        return publishedKeys;
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
