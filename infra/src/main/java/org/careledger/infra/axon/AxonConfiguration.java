package org.careledger.infra.axon;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.careledger.command.cluster.ClusterLeases;
import org.careledger.infra.cluster.ProcessorCoordinator;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon wiring that differs from the defaults:
 * <ul>
 *   <li>commands run on a bounded pool ({@link AsynchronousCommandBus}), never on the Netty event
 *   loop that received the request: the JDBC event store blocks. A full queue refuses the command
 *   (503) rather than running it on the caller's thread;</li>
 *   <li>every message carries correlation, causation and caller metadata;</li>
 *   <li>event processors default to pooled streaming processors.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AxonConfiguration.CommandBusProperties.class)
public class AxonConfiguration {

    /**
     * @param threads   command handler threads (each holds one JDBC connection while it works)
     * @param queueSize commands that may wait for a thread before new ones are refused
     */
    @ConfigurationProperties("careledger.command-bus")
    public record CommandBusProperties(Integer threads, Integer queueSize) {
        public CommandBusProperties {
            threads = threads == null ? 8 : threads;
            queueSize = queueSize == null ? 2000 : queueSize;
        }
    }

    @Bean(destroyMethod = "shutdown")
    ThreadPoolExecutor commandExecutor(CommandBusProperties props, MeterRegistry meterRegistry) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(props.threads(), props.threads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(props.queueSize()),
                r -> {
                    Thread t = new Thread(r, "command-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.AbortPolicy());
        // every thread up front: dispatching a command never has to start one (which takes the pool's lock)
        executor.prestartAllCoreThreads();
        ExecutorServiceMetrics.monitor(meterRegistry, executor, "commandBus");
        return executor;
    }

    @Bean
    @Primary
    CommandBus commandBus(ThreadPoolExecutor commandExecutor, TransactionManager transactionManager,
                          org.axonframework.config.Configuration axonConfiguration) {
        AsynchronousCommandBus bus = AsynchronousCommandBus.builder()
                .executor(commandExecutor)
                .transactionManager(transactionManager)
                .messageMonitor(axonConfiguration.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axonConfiguration.correlationDataProviders()));
        return bus;
    }

    @Bean
    CorrelationDataProvider careLedgerCorrelationDataProvider() {
        return new CareLedgerCorrelationDataProvider();
    }

    /**
     * Pooled streaming processors by default. A segment that sees no events of its own only
     * stores its token when it extends its claim; the threshold is short so that read-your-writes
     * ({@code minPosition}) never waits long for an idle segment. Each instance claims at most its
     * fair share of every processor's segments when several instances share the store (ADR 0024).
     */
    @Bean
    ConfigurerModule pooledProcessorsByDefault(
            @org.springframework.beans.factory.annotation.Value("${careledger.processors.claim-extension-ms:250}") long claimExtensionMs,
            ProcessorCoordinator coordinator) {
        return configurer -> configurer.eventProcessing()
                .usingPooledStreamingEventProcessors()
                .registerPooledStreamingEventProcessorConfiguration(
                        (config, builder) -> builder.claimExtensionThreshold(claimExtensionMs).maxSegmentProvider(coordinator));
    }

    /**
     * Axon's JDBC token store, with this instance's own id as the owner of its claims: Axon's
     * default (the JVM's pid@host) is the same for two application contexts in one JVM, which would
     * then take each other's claims for their own.
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema tokenSchema,
                          TokenStoreProperties tokenStoreProperties, ClusterLeases leases) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(tokenSchema)
                .serializer(serializer)
                .claimTimeout(tokenStoreProperties.getClaimTimeout())
                .nodeId(leases.instanceId())
                .build();
    }

    /**
     * The institution views (white-list, supervision) fold events of several aggregates per
     * institution; they are sequenced per institution so that one segment sees them in order. So is
     * the history index, whose as-of snapshots are folds of one institution's events.
     */
    @Bean
    ConfigurerModule institutionViewsSequencedPerInstitution() {
        return configurer -> {
            for (String processor : java.util.List.of(org.careledger.query.whitelist.WhiteListProjection.NAME,
                    org.careledger.query.supervision.SupervisionProjection.NAME,
                    org.careledger.query.inspector.HistoryIndexProjection.NAME,
                    org.careledger.query.whitelist.PublicRegisterProjection.NAME)) {
                configurer.eventProcessing().registerSequencingPolicy(processor,
                        c -> new org.careledger.query.institution.PerInstitutionSequencingPolicy());
            }
        };
    }
}
