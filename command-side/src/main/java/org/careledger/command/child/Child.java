package org.careledger.command.child;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.careledger.kernel.child.ChildPersonalDataErased;
import org.careledger.kernel.child.ChildPersonalDataViewed;
import org.careledger.kernel.child.ChildRegistered;
import org.careledger.kernel.child.HealthCheckRecorded;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.InputRules;
import org.careledger.kernel.stereotype.AggregateRoot;
import org.careledger.command.InstitutionMetaData;
import org.careledger.command.SnapshotFields;

/**
 * A child as the system may know it: an opaque reference, the institution it was registered with
 * (and that institution's division, for jurisdiction), and whether its personal data is erased.
 * Who the child is lives only in the {@link PersonalDataVault}.
 */
@AggregateRoot
@Aggregate
@SnapshotFields
class Child {

    @AggregateIdentifier
    private ChildRef childRef;
    private InstitutionId institutionId;
    private DivisionCode division;
    private YearMonth birthMonth;
    private boolean erased;
    private java.time.LocalDate entryCheckOn;
    private org.careledger.kernel.child.HealthOutcome entryCheckResult;
    private java.time.LocalDate returnCheckOn;

    protected Child() {
    }

    Child(ChildRef childRef, InstitutionId institutionId, DivisionCode division, YearMonth birthMonth, Instant now) {
        this.division = division;
        apply(new ChildRegistered(childRef, institutionId, birthMonth, now), InstitutionMetaData.of(institutionId, division));
    }

    /**
     * Personal data is seen by the child's institution and by inspectors of its jurisdiction, and
     * every such view is recorded before the data is shown.
     */
    @CommandHandler
    void handle(RecordPersonalDataAccess command, MetaData metaData, Clock clock) {
        Caller caller = Caller.fromMetaData(metaData);
        caller.requireRole(Role.OPERATOR, Role.INSPECTOR, Role.ADMIN).requireAccess(institutionId, division);
        if (erased) {
            throw new DomainException(ErrorCode.PERSONAL_DATA_ERASED, "The child's personal data has been erased");
        }
        apply(new ChildPersonalDataViewed(childRef, institutionId, caller.actorId(), caller.role().name(),
                command.purpose(), clock.instant()), InstitutionMetaData.of(institutionId, division));
    }

    /**
     * A health check by the child's institution. The outcome code is the event; the findings go
     * encrypted under the child's key, so they are erased with it.
     */
    @CommandHandler
    void handle(RecordHealthCheck command, MetaData metaData, Clock clock, PersonalDataVault vault,
                org.careledger.command.filing.FilingDirectory filings,
                org.careledger.command.enrolment.EnrolmentPolicies policies) {
        Caller.fromMetaData(metaData).requireRole(Role.OPERATOR, Role.ADMIN).requireAccess(institutionId, division);
        if (erased) {
            throw new DomainException(ErrorCode.PERSONAL_DATA_ERASED, "The child's personal data has been erased");
        }
        java.time.LocalDate today = clock.instant().atZone(InputRules.ZONE).toLocalDate();
        if (command.kind() == null || command.outcome() == null || command.checkedOn() == null) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "kind, outcome and checkedOn are required");
        }
        if (command.checkedOn().isAfter(today) || YearMonth.from(command.checkedOn()).isBefore(birthMonth)) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "checkedOn must lie between the child's birth and today");
        }
        // a check made in the institution's care (all but the entry check, which comes before
        // admission) is not dated before its filing was approved (docs/domain.md, rule F2)
        if (command.kind() != org.careledger.kernel.child.HealthCheckKind.ENTRY && !policies.recordsBeforeFilingAllowed()) {
            java.time.LocalDate filedOn = filings.filedOn(institutionId).orElse(null);
            if (filedOn == null || command.checkedOn().isBefore(filedOn)) {
                throw new DomainException(ErrorCode.BEFORE_FILING_APPROVAL, "A " + command.kind() + " check of "
                        + command.checkedOn() + " lies before the institution's filing was approved"
                        + (filedOn == null ? " (it is not approved)" : " on " + filedOn));
            }
        }
        if (command.details() != null && !command.details().isBlank()) {
            vault.store(childRef, "health-check/" + command.checkedOn() + "/" + command.kind(),
                    command.details().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        apply(new HealthCheckRecorded(childRef, institutionId, command.kind(), command.checkedOn(), command.outcome(),
                clock.instant()), InstitutionMetaData.of(institutionId, division));
    }

    /** Erasure (administrators): the data key is destroyed, the events stay. */
    @CommandHandler
    void handle(EraseChildPersonalData command, MetaData metaData, Clock clock, PersonalDataVault vault) {
        Caller.fromMetaData(metaData).requireRole(Role.ADMIN);
        if (erased) {
            throw new DomainException(ErrorCode.PERSONAL_DATA_ERASED, "The child's personal data is already erased");
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "An erasure names its reason (e.g. the request it answers)");
        }
        vault.erase(childRef);
        apply(new ChildPersonalDataErased(childRef, institutionId, command.reason(), clock.instant()),
                InstitutionMetaData.of(institutionId, division));
    }

    @EventSourcingHandler
    void on(ChildRegistered event, MetaData metaData) {
        childRef = event.childRef();
        institutionId = event.institutionId();
        birthMonth = event.birthMonth();
        DivisionCode jurisdiction = InstitutionMetaData.jurisdiction(metaData);
        if (jurisdiction != null) {
            division = jurisdiction;
        }
    }

    /** What the enrolment rules need to know of this child. */
    org.careledger.command.enrolment.ChildDirectory.ChildFacts facts() {
        return new org.careledger.command.enrolment.ChildDirectory.ChildFacts(birthMonth, erased, entryCheckOn, entryCheckResult,
                returnCheckOn);
    }

    @EventSourcingHandler
    void on(HealthCheckRecorded event) {
        if (event.kind() == org.careledger.kernel.child.HealthCheckKind.ENTRY
                && (entryCheckOn == null || !event.checkedOn().isBefore(entryCheckOn))) {
            entryCheckOn = event.checkedOn();
            entryCheckResult = event.outcome();
        }
        if (event.kind() == org.careledger.kernel.child.HealthCheckKind.RETURN_AFTER_ABSENCE
                && (returnCheckOn == null || event.checkedOn().isAfter(returnCheckOn))) {
            returnCheckOn = event.checkedOn();
        }
    }

    @EventSourcingHandler
    void on(ChildPersonalDataErased event) {
        erased = true;
    }
}
