package org.careledger.infra.web;

import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.careledger.infra.store.EmbeddedPostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Idempotency-Key across crashes (ADR 0021). */
@Configuration(proxyBeanMethods = false)
public class IdempotencyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyConfiguration.class);

    @Bean
    IdempotentCommandInterceptor idempotentCommandInterceptor(JdbcTemplate jdbc, ObjectMapper json,
            @Value("${careledger.idempotency.lease:45s}") Duration lease) {
        return new IdempotentCommandInterceptor(jdbc, json, lease);
    }

    /**
     * With the embedded PostgreSQL only this process uses the database (the data directory is
     * locked), so every attempt still "in progress" belongs to a process that died: their leases
     * end now, and a retry takes its key over at once instead of after the lease.
     */
    @Bean
    SmartInitializingSingleton idempotencyLeasesOfDeadProcesses(ObjectProvider<EmbeddedPostgresServer> embedded,
                                                                JdbcTemplate jdbc) {
        // before the web server and the processors start (after the migrations)
        return () -> {
            if (embedded.getIfAvailable() == null) {
                return;
            }
            int ended = jdbc.update("UPDATE idempotent_request SET lease_until = now() "
                    + "WHERE status IS NULL AND (lease_until IS NULL OR lease_until > now())");
            if (ended > 0) {
                log.info("{} Idempotency-Keys of requests a previous run left unanswered can be retried now", ended);
            }
        };
    }
}
