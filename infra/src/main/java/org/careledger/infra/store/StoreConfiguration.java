package org.careledger.infra.store;

import javax.sql.DataSource;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Where the stores come from. Embedded by default; external when the standard Spring properties
 * name them ({@code spring.datasource.url} + {@code spring.r2dbc.url} for PostgreSQL,
 * {@code spring.data.mongodb.uri} for MongoDB) — then Spring Boot's own auto-configuration
 * builds the DataSource and R2DBC ConnectionFactory and this class only builds the Mongo client.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StoreProperties.class)
public class StoreConfiguration {

    static final String EMBEDDED_POSTGRES = "'${spring.datasource.url:}'.isEmpty()";
    static final String EMBEDDED_MONGO = "'${spring.data.mongodb.uri:}'.isEmpty()";

    /** Locks the data directory (one process per directory); every embedded store depends on it. */
    @Bean(destroyMethod = "close")
    CareLedgerDataDirectory careLedgerDataDirectory(Environment env) {
        return CareLedgerDataDirectory.from(env);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression(EMBEDDED_POSTGRES)
    static class EmbeddedPostgresConfiguration {

        @Bean(destroyMethod = "close")
        EmbeddedPostgresServer embeddedPostgresServer(CareLedgerDataDirectory dir, StoreProperties props) {
            return EmbeddedPostgresServer.start(dir.resolve("postgres"), props.postgresPort(), props.durable());
        }

        @Bean
        DataSource dataSource(EmbeddedPostgresServer server) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(server.jdbcUrl());
            config.setUsername("postgres");
            config.setMaximumPoolSize(20);
            config.setPoolName("careledger-jdbc");
            return new HikariDataSource(config);
        }

        @Bean(destroyMethod = "dispose")
        ConnectionPool connectionFactory(EmbeddedPostgresServer server) {
            ConnectionFactory factory = ConnectionFactories.get(server.r2dbcUrl());
            return new ConnectionPool(ConnectionPoolConfiguration.builder(factory)
                    .initialSize(2).maxSize(20).name("careledger-r2dbc").build());
        }
    }

    /**
     * External PostgreSQL. Spring Boot does not auto-configure a JDBC DataSource when an R2DBC
     * ConnectionFactory exists, but CareLedger needs both (JDBC for the event store and
     * projections, R2DBC for queries), so the DataSource is built here from the standard
     * {@code spring.datasource.*} properties.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("!" + EMBEDDED_POSTGRES)
    @EnableConfigurationProperties(DataSourceProperties.class)
    static class ExternalPostgresConfiguration {

        @Bean
        @ConfigurationProperties("spring.datasource.hikari")
        HikariDataSource dataSource(DataSourceProperties properties) {
            return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression(EMBEDDED_MONGO)
    static class EmbeddedMongoConfiguration {

        @Bean(destroyMethod = "close")
        EmbeddedMongoServer embeddedMongoServer(CareLedgerDataDirectory dir, StoreProperties props) {
            return EmbeddedMongoServer.start(dir.resolve("mongo").resolve("white-list.mv"), props.mongoPort());
        }

        @Bean(destroyMethod = "close")
        MongoClient mongoClient(EmbeddedMongoServer server) {
            return MongoClients.create(MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString(server.connectionString()))
                    .build());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("!" + EMBEDDED_MONGO)
    static class ExternalMongoConfiguration {

        @Bean(destroyMethod = "close")
        MongoClient mongoClient(Environment env) {
            return MongoClients.create(env.getRequiredProperty("spring.data.mongodb.uri"));
        }
    }

    @Bean("careLedgerMongoDatabase")
    MongoDatabase careLedgerMongoDatabase(MongoClient client, Environment env, StoreProperties props) {
        String fromUri = env.getProperty("spring.data.mongodb.uri");
        String name = fromUri == null ? null : new ConnectionString(fromUri).getDatabase();
        return client.getDatabase(name == null ? props.mongoDatabase() : name);
    }

}
