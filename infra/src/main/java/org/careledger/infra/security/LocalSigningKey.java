package org.careledger.infra.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The RSA key the local token issuer signs with. Generated on first start and kept in the data
 * directory, so tokens stay valid across restarts of the embedded default; with external stores it
 * is configured ({@code careledger.security.local-signing-key}), so every instance verifies the
 * same tokens (ADR 0024).
 */
public record LocalSigningKey(RSAPublicKey publicKey, RSAPrivateCrtKey privateKey) {

    /** The key from its base64 PKCS#8 encoding (as configured). */
    public static LocalSigningKey fromPkcs8(String base64) {
        try {
            return of(java.util.Base64.getDecoder().decode(base64.trim()));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("careledger.security.local-signing-key must be an RSA private key, "
                    + "base64 PKCS#8", e);
        }
    }

    private static LocalSigningKey of(byte[] pkcs8) throws GeneralSecurityException {
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey priv = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        RSAPublicKey pub = (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
        return new LocalSigningKey(pub, priv);
    }

    public static LocalSigningKey loadOrCreate(Path dir) {
        Path file = dir.resolve("jwt-signing-key.pk8");
        try {
            if (!Files.exists(file)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Path tmp = dir.resolve("jwt-signing-key.pk8.tmp");
                Files.write(tmp, pair.getPrivate().getEncoded());
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return of(Files.readAllBytes(file));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load or create the local token signing key in " + dir, e);
        }
    }
}
