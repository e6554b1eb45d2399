package org.careledger.infra.ops;

import java.util.Map;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.ReactiveHealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Health component {@code parkedEvents} (ADR 0018): UP while no projection has parked an event,
 * {@value #DEGRADED_CODE} with the projections' names and counts once one has. DEGRADED is ordered
 * between DOWN and UP ({@code management.endpoint.health.status.order}) and answers 200: the
 * application serves, but some views miss events until an administrator retries or evicts them
 * ({@code /api/v1/admin/dead-letters}). It is in neither probe group: parked events are no reason
 * to restart the process or take it out of a load balancer.
 */
@Component("parkedEventsHealthIndicator")
public record ParkedEventsHealthIndicator(DeadLetterMetrics metrics) implements ReactiveHealthIndicator {

    static final String DEGRADED_CODE = "DEGRADED";

    @Override
    public Mono<Health> health() {
        return Mono.fromCallable(() -> {
            Map<String, Long> parked = metrics.refresh();
            if (parked.isEmpty()) {
                return Health.up().build();
            }
            String names = String.join(", ", parked.keySet());
            return Health.status(new Status(DEGRADED_CODE, "Parked events in: " + names))
                    .withDetail("projections", parked).build();
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
