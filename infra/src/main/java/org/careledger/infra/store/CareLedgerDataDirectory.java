package org.careledger.infra.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.core.env.Environment;

/**
 * The one directory where the embedded default keeps everything it must not lose: PostgreSQL's
 * data, the MongoDB-wire server's file, and generated keys. Configurable with
 * {@code careledger.data-dir}; by default {@code ~/.careledger/data}, outside the source tree.
 */
public record CareLedgerDataDirectory(Path root) {

    public static final String PROPERTY = "careledger.data-dir";

    public static CareLedgerDataDirectory from(Environment env) {
        String configured = env.getProperty(PROPERTY);
        Path root = configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".careledger", "data")
                : Path.of(configured);
        return new CareLedgerDataDirectory(root.toAbsolutePath().normalize());
    }

    public Path resolve(String child) {
        Path p = root.resolve(child);
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create data directory " + p, e);
        }
        return p;
    }
}
