package org.careledger.command.licence;

import java.util.HashMap;
import java.util.Map;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.filing.SuspendFiling;
import org.careledger.kernel.licence.LicenceStatusChanged;
import org.careledger.kernel.messaging.EventMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reacts to licence changes pushed by e-license platforms, as configured per change
 * ({@code careledger.e-license.on-change}): by default a revoked business licence suspends the
 * filing; expiries and other changes are flagged as supervision alerts (by the licence-alerts
 * view). A filing that cannot be suspended (not filed, already suspended) is left as it is.
 */
@Component
@ProcessingGroup(LicenceChangeProcess.NAME)
class LicenceChangeProcess {

    static final String NAME = "licence-changes";
    private static final Logger log = LoggerFactory.getLogger(LicenceChangeProcess.class);

    private final CommandGateway commands;
    private final ELicenseProperties properties;

    LicenceChangeProcess(CommandGateway commands, ELicenseProperties properties) {
        this.commands = commands;
        this.properties = properties;
    }

    @EventHandler
    void on(LicenceStatusChanged event) {
        String action = properties.onChange().getOrDefault(event.change().name(), "ALERT");
        if (!"SUSPEND".equalsIgnoreCase(action)) {
            return;
        }
        Map<String, Object> meta = new HashMap<>(LicenceCheckWorker.ACTOR.toMetaData());
        meta.put(EventMetadata.CORRELATION_ID, "licence-change-" + event.notificationId());
        String reason = "营业执照" + (event.change().name().equals("REVOKED") ? "已吊销/撤销" : "状态变更")
                + " (e-license notification " + event.platformId() + "/" + event.notificationId() + ")";
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(new SuspendFiling(event.institutionId(), reason))
                    .andMetaData(meta));
        } catch (RuntimeException e) {
            DomainException refusal = refusal(e);
            if (refusal != null && refusal.code() == ErrorCode.ILLEGAL_FILING_TRANSITION) {
                log.info("Licence change {} for institution {}: filing not suspendable ({})", event.notificationId(),
                        event.institutionId(), refusal.detail());
                return;
            }
            throw e;
        }
    }

    @ResetHandler
    void doNotReplay() {
        throw new IllegalStateException("the licence-changes process is not replayable: it sends commands");
    }

    private static DomainException refusal(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof DomainException d) {
                return d;
            }
            if (c instanceof org.axonframework.commandhandling.CommandExecutionException cee
                    && cee.getDetails().orElse(null) instanceof DomainException d) {
                return d;
            }
        }
        return null;
    }
}
