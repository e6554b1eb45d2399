package org.careledger.command.child;

import java.time.Clock;
import java.time.YearMonth;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.Repository;
import org.careledger.command.filing.InstitutionDirectory;
import org.careledger.kernel.child.ChildPersonalData;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.value.DivisionCode;
import org.springframework.stereotype.Component;

/**
 * Registers a child: its personal data goes encrypted into the vault, the event carries only the
 * child reference and the birth month, all in one transaction. A child this institution already
 * registered under the same citizen ID (found by keyed hash) keeps its reference: registering it
 * again creates nothing. A child known to another institution gets a reference of its own here,
 * so the answer is the same whether or not the citizen ID is known elsewhere (docs/domain.md,
 * rule P4); one active enrolment per person is held on the keyed hash (rule E2).
 */
@Component
record RegisterChildHandler(Repository<Child> children, InstitutionDirectory institutions, PersonalDataVault vault,
                            ChildIdentityRecords identities, Clock clock) {

    @CommandHandler
    public String handle(RegisterChild command, MetaData metaData) throws Exception {
        Caller caller = Caller.fromMetaData(metaData);
        caller.requireRole(Role.OPERATOR, Role.ADMIN);
        DivisionCode division = institutions.requireDivisionOf(command.institutionId());
        caller.requireAccess(command.institutionId(), division);
        ChildPersonalData data = command.personalData();
        data.citizenId().requireBirthDate(data.birthDate());
        var known = vault.claimIdentity(data.citizenId(), command.childRef(), command.institutionId());
        if (known.isPresent()) {
            return known.get().value();
        }
        identities.store(command.childRef(), data);
        children.newInstance(() -> new Child(command.childRef(), command.institutionId(), division,
                YearMonth.from(data.birthDate()), clock.instant()));
        return command.childRef().value();
    }
}
