package org.careledger.command.enrolment;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.careledger.kernel.value.InputRules;
import org.careledger.command.cluster.ClusterLeases;
import org.careledger.command.enrolment.EndEnrolment;
import org.careledger.kernel.enrolment.EnrolmentEndReason;
import org.careledger.kernel.messaging.EventMetadata;
import org.careledger.kernel.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends enrolments by themselves: when the contract's period has run out (CONTRACT_ENDED) and when
 * the child reaches 36 months (AGED_OUT, docs/domain.md rule A4: the enrolment's last day is the
 * day before). Each ending is an event written through the command bus as the application itself;
 * the enrolment index tells which are due. Bounded: at most {@value #BATCH} per run, so a backlog
 * drains over several runs.
 *
 * <p>Idempotent across restarts and instances (rule A6): the command names the enrolment and its
 * day, and the institution aggregate appends {@code EnrolmentEnded} only for an enrolment still
 * active; a second run (or another instance racing this one) is refused with ENROLMENT_NOT_FOUND,
 * or loses the aggregate's optimistic lock, and writes nothing. Both are expected and logged at
 * DEBUG.
 *
 * <p>With several instances, only the holder of the {@value #WORKER} lease runs it ({@link ClusterLeases},
 * ADR 0024), so the instances do not race over the same enrolments.
 */
@Component
public class EnrolmentLifecycleWorker {

    private static final Logger log = LoggerFactory.getLogger(EnrolmentLifecycleWorker.class);
    static final Caller ACTOR = Caller.system("enrolment-lifecycle");
    static final int BATCH = 200;
    /** The lease name of this worker in {@code worker_lease}. */
    public static final String WORKER = "enrolment-lifecycle";

    private final EnrolmentRegistry registry;
    private final CommandGateway commands;
    private final Clock clock;
    private final ClusterLeases leases;
    private final Duration lease;

    EnrolmentLifecycleWorker(EnrolmentRegistry registry, CommandGateway commands, Clock clock, ClusterLeases leases,
                             @Value("${careledger.workers.lease-duration:PT3M}") Duration lease) {
        this.registry = registry;
        this.commands = commands;
        this.clock = clock;
        this.leases = leases;
        this.lease = lease;
    }

    @Scheduled(fixedDelayString = "${careledger.enrolment.lifecycle-interval:PT1M}", initialDelayString = "5s")
    public void endDueEnrolments() {
        leases.runIfHolder(WORKER, lease, () -> endDueEnrolments(LocalDate.now(clock.withZone(InputRules.ZONE))));
    }

    /** Ends the enrolments whose last day of care lies before {@code today}; answers how many were ended here. */
    public int endDueEnrolments(LocalDate today) {
        int ended = 0;
        for (EnrolmentRegistry.Enrolment e : registry.dueToEnd(today, BATCH)) {
            boolean agedOut = e.endsOn().equals(e.age().lastDayOfCare());
            EnrolmentEndReason reason = agedOut ? EnrolmentEndReason.AGED_OUT : EnrolmentEndReason.CONTRACT_ENDED;
            Map<String, Object> meta = new HashMap<>(ACTOR.toMetaData());
            meta.put(EventMetadata.CORRELATION_ID, "enrolment-end-" + e.enrolmentId());
            try {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(new EndEnrolment(e.institutionId(),
                        e.enrolmentId(), reason, e.endsOn(), null)).andMetaData(meta));
                ended++;
            } catch (org.careledger.kernel.error.DomainException ex) {
                if (ex.code() == org.careledger.kernel.error.ErrorCode.ENROLMENT_NOT_FOUND) {
                    log.debug("Enrolment {} was already ended", e.enrolmentId());
                } else {
                    log.info("Ending enrolment {} ({}) was refused: {}", e.enrolmentId(), reason, ex.getMessage());
                }
            } catch (org.axonframework.modelling.command.ConcurrencyException ex) {
                log.debug("Enrolment {} is being ended by another instance", e.enrolmentId());
            } catch (RuntimeException ex) {
                log.warn("Ending enrolment {} ({}) failed: {}", e.enrolmentId(), reason, ex.toString());
            }
        }
        return ended;
    }
}
