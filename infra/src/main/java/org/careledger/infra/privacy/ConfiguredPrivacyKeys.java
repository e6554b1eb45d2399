package org.careledger.infra.privacy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;

import org.careledger.command.child.PrivacyKeys;
import org.careledger.infra.store.CareLedgerDataDirectory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The privacy secrets (ADR 0011): {@code careledger.privacy.master-key} and
 * {@code careledger.privacy.citizen-id-hash-key}, each 32 bytes in base64. With the embedded
 * default they are generated once and kept in {@code <data-dir>/keys}; with external stores they
 * must be configured (every instance needs the same keys), and the application refuses to start
 * without them.
 */
@Component
@EnableConfigurationProperties(ConfiguredPrivacyKeys.PrivacyProperties.class)
public class ConfiguredPrivacyKeys implements PrivacyKeys {

    @ConfigurationProperties("careledger.privacy")
    public record PrivacyProperties(String masterKey, Integer masterKeyVersion, String citizenIdHashKey) {
    }

    private final byte[] master;
    private final int version;
    private final byte[] hashKey;

    public ConfiguredPrivacyKeys(PrivacyProperties properties, CareLedgerDataDirectory dataDirectory, Environment env) {
        boolean embedded = env.getProperty("spring.datasource.url", "").isBlank();
        Path keys = dataDirectory.resolve("keys");
        this.master = key(properties.masterKey(), embedded, keys.resolve("privacy-master.key"), "careledger.privacy.master-key");
        this.hashKey = key(properties.citizenIdHashKey(), embedded, keys.resolve("citizen-id-hash.key"),
                "careledger.privacy.citizen-id-hash-key");
        this.version = properties.masterKeyVersion() == null ? 1 : properties.masterKeyVersion();
    }

    @Override
    public byte[] masterKey() {
        return master.clone();
    }

    @Override
    public int masterKeyVersion() {
        return version;
    }

    @Override
    public byte[] citizenIdHashKey() {
        return hashKey.clone();
    }

    private static byte[] key(String configured, boolean embedded, Path file, String property) {
        if (configured != null && !configured.isBlank()) {
            byte[] key = Base64.getDecoder().decode(configured.trim());
            if (key.length != 32) {
                throw new IllegalStateException(property + " must be 32 bytes, base64-encoded");
            }
            return key;
        }
        if (!embedded) {
            throw new IllegalStateException(property + " is required with external stores (32 random bytes, base64): "
                    + "every instance must use the same key");
        }
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.write(tmp, key);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot keep the privacy key in " + file, e);
        }
    }
}
