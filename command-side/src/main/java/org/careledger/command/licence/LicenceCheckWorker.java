package org.careledger.command.licence;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.messaging.EventMetadata;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.value.CreditCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Works through pending licence verifications: asks the platform, records the answer as an event
 * (through the command bus, as the application itself), and removes the check. When the platform
 * is down or slow the check stays queued and is retried with exponential backoff, so verification
 * resumes by itself once the platform is back. Several instances may run: rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, and only by instances that can verify licences (a platform is
 * configured or the simulator is built in, {@link LicenceRegistry#canVerify()}): an instance that
 * cannot leaves the checks to the others instead of postponing them (ADR 0024).
 */
@Component
class LicenceCheckWorker {

    private static final Logger log = LoggerFactory.getLogger(LicenceCheckWorker.class);
    static final Caller ACTOR = Caller.system("e-license");

    private final JdbcTemplate jdbc;
    private final LicenceRegistry registry;
    private final CommandGateway commands;
    private final ELicenseProperties properties;
    private volatile boolean reportedUnable;

    LicenceCheckWorker(JdbcTemplate jdbc, LicenceRegistry registry, CommandGateway commands, ELicenseProperties properties) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.commands = commands;
        this.properties = properties;
    }

    record Due(String institutionId, String creditCode, String licenceNumber, int attempts) {
    }

    @Scheduled(fixedDelayString = "${careledger.e-license.poll-interval:500ms}", initialDelayString = "1s")
    public void work() {
        if (!registry.canVerify()) {
            if (!reportedUnable) {
                reportedUnable = true;
                log.info("No e-license platform is configured here (careledger.e-license.base-url): "
                        + "this instance leaves licence checks to instances that have one");
            }
            return;
        }
        for (Due due : claim(20)) {
            try {
                var result = registry.verify(CreditCode.parse(due.creditCode()), due.licenceNumber());
                Map<String, Object> meta = new HashMap<>(ACTOR.toMetaData());
                meta.put(EventMetadata.CORRELATION_ID, "licence-check-" + due.institutionId());
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RecordLicenceCheck(
                        new InstitutionId(due.institutionId()), result.outcome(), result.licenceNumber(),
                        result.validFrom(), result.validUntil(), result.holderName())).andMetaData(meta));
                jdbc.update("DELETE FROM licence_check WHERE institution_id = ?", due.institutionId());
            } catch (LicenceRegistryUnavailable e) {
                postpone(due, e.getMessage());
            } catch (RuntimeException e) {
                log.warn("Licence check of institution {} failed: {}", due.institutionId(), e.toString());
                postpone(due, e.getClass().getSimpleName());
            }
        }
    }

    /** Claims due checks for 60 s so that a crashed worker's claims expire. */
    List<Due> claim(int limit) {
        return jdbc.query("""
                UPDATE licence_check SET locked_until = now() + interval '60 seconds'
                WHERE institution_id IN (
                    SELECT institution_id FROM licence_check
                    WHERE due_at <= now() AND (locked_until IS NULL OR locked_until < now())
                    ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING institution_id, credit_code, licence_number, attempts""",
                (rs, i) -> new Due(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)), limit);
    }

    private void postpone(Due due, String error) {
        long seconds = Math.min(properties.maxBackoff().toSeconds(), 1L << Math.min(due.attempts(), 16));
        Instant next = Instant.now().plus(Duration.ofSeconds(seconds));
        jdbc.update("UPDATE licence_check SET attempts = attempts + 1, due_at = ?, locked_until = NULL, last_error = ? "
                + "WHERE institution_id = ?", Timestamp.from(next), error.length() > 500 ? error.substring(0, 500) : error,
                due.institutionId());
    }
}
