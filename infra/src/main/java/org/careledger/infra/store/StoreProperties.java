package org.careledger.infra.store;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the embedded default stores. The embedded PostgreSQL runs unless
 * {@code spring.datasource.url} is set; the embedded MongoDB-wire server runs unless
 * {@code spring.data.mongodb.uri} is set.
 *
 * @param postgresPort fixed port for the embedded PostgreSQL (0: any free port)
 * @param mongoPort    fixed port for the embedded MongoDB-wire server (0: any free port)
 * @param durable      fsync and synchronous commit in the embedded PostgreSQL (off only in tests)
 * @param mongoDatabase database name for the read documents
 */
@ConfigurationProperties("careledger.embedded")
public record StoreProperties(int postgresPort, int mongoPort, Boolean durable, String mongoDatabase) {

    public StoreProperties {
        durable = durable == null || durable;
        mongoDatabase = mongoDatabase == null || mongoDatabase.isBlank() ? "careledger" : mongoDatabase;
    }
}
