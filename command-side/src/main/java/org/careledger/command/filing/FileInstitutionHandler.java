package org.careledger.command.filing;

import java.time.Clock;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.Repository;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.value.LocalZones;
import org.springframework.stereotype.Component;

/**
 * Registers an institution: claims its credit code in the command-side directory and creates the
 * aggregate, in one transaction, so two filings with one credit code can never both succeed.
 */
@Component
record FileInstitutionHandler(Repository<Institution> institutions, InstitutionDirectory directory, Clock clock,
                              LocalZones zones) {

    @CommandHandler
    public String handle(FileInstitution command, MetaData metaData) throws Exception {
        Caller caller = Caller.fromMetaData(metaData);
        caller.requireRole(Role.OPERATOR, Role.ADMIN);
        if (caller.role() == Role.OPERATOR && !caller.institutionId().equals(command.institutionId())) {
            throw new DomainException(ErrorCode.NOT_IN_JURISDICTION,
                    "An operator files only the institution its account belongs to");
        }
        // rule F7: a zone, if named, is a configured local zone lying in the division (else 400 INVALID_ZONE)
        zones.requireIn(command.zone(), command.division());
        directory.claim(command.creditCode(), command.institutionId(), command.division(), command.zone());
        institutions.newInstance(() -> new Institution(command, clock.instant()));
        return command.institutionId().value();
    }
}
