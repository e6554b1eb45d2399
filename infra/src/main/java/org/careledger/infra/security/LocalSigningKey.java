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
 * directory, so tokens stay valid across restarts of the embedded default.
 */
public record LocalSigningKey(RSAPublicKey publicKey, RSAPrivateCrtKey privateKey) {

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
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey priv = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(file)));
            RSAPublicKey pub = (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
            return new LocalSigningKey(pub, priv);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load or create the local token signing key in " + dir, e);
        }
    }
}
