package org.careledger.command.enrolment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.careledger.command.filing.InstitutionFacts;
import org.careledger.kernel.child.ChildAge;
import org.careledger.kernel.enrolment.ChildEnrolled;
import org.careledger.kernel.enrolment.ChildTransferred;
import org.careledger.kernel.enrolment.DoubleEnrolmentAttempted;
import org.careledger.kernel.enrolment.DoubleEnrolmentRefusal;
import org.careledger.kernel.enrolment.EnrolmentEndReason;
import org.careledger.kernel.enrolment.EnrolmentEnded;
import org.careledger.kernel.enrolment.ServiceContract;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.EnrolmentId;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.stereotype.AggregateRoot;
import org.careledger.command.InstitutionMetaData;
import org.careledger.kernel.value.DivisionCode;

/**
 * One child's enrolment in a class of an institution under one service contract (ADR 0023). It
 * guards alone: recorded once, transferred only while active, ended once and within its contract.
 * What it needs of its institution (status, classes, filing day, division) it reads through
 * {@link InstitutionFacts}; the set checks across enrolments (places of a class, children of a
 * family care point, one active enrolment per child) are held by {@link EnrolmentRegistry} in the
 * command's own transaction. Enrolments recorded before the split have their first events in the
 * institution's stream; {@link org.careledger.command.legacy.LegacyInstitutionStreamRepository} reads them.
 */
@AggregateRoot
@Aggregate(repository = EnrolmentConfiguration.REPOSITORY)
public class Enrolment {

    @AggregateIdentifier
    private EnrolmentId enrolmentId;
    private InstitutionId institutionId;
    private DivisionCode division;
    private ChildRef childRef;
    private ClassId classId;
    private YearMonth birthMonth;
    private LocalDate birthDate;
    private LocalDate startsOn;
    /** The last day of care: the contract's end, or the day before the child reaches 36 months. */
    private LocalDate lastDay;
    private boolean active;

    protected Enrolment() {
        // for Axon
    }

    /**
     * Enrols a child under a service contract after every named rule passed. A child who already
     * holds an active enrolment (anywhere) is refused, and the attempt is recorded for inspectors
     * (as this enrolment id's only event): the handler then answers a {@link DoubleEnrolmentRefusal}
     * instead of throwing.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Object handle(EnrolChild command, MetaData metaData, Clock clock, InstitutionFacts institutions,
                  ChildDirectory children, EnrolmentPolicies policies, EnrolmentRegistry registry) {
        var institution = institutions.forInstitutionItself(command.institutionId(), Caller.fromMetaData(metaData));
        if (enrolmentId != null) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "Enrolment " + command.enrolmentId() + " is already recorded");
        }
        EnrolmentRules.INSTITUTION_FILED_AND_NOT_SUSPENDED.enforce(institution.status());
        ServiceContract contract = command.contract();
        EnrolmentRules.CONTRACT_IS_COHERENT.enforce(contract);
        if (!policies.recordsBeforeFilingAllowed()) {
            EnrolmentRules.CONTRACT_STARTS_ON_OR_AFTER_FILING.enforce(
                    new EnrolmentRules.ContractAfterFiling(contract, institution.filedOn()));
        }
        InstitutionFacts.ClassFacts target = institution.openClass(command.classId());
        ChildDirectory.ChildFacts child = children.facts(command.childRef());
        if (child.erased()) {
            throw new DomainException(ErrorCode.PERSONAL_DATA_ERASED, "An erased child cannot be enrolled");
        }
        EnrolmentRules.CHILD_AGE_FITS_CLASS_TYPE.enforce(
                new EnrolmentRules.Placement(target.classType(), child.age(), contract.startsOn()));
        EnrolmentRegistry.Occupancy occupancy = registry.lockPlaces(institution.id(), command.classId());
        EnrolmentRules.CLASS_HAS_A_FREE_PLACE.enforce(new EnrolmentRules.Occupancy(target.places(), occupancy.inClass()));
        EnrolmentRules.FAMILY_CARE_POINT_TAKES_AT_MOST_FIVE.enforce(
                new EnrolmentRules.Headcount(institution.type(), occupancy.inInstitution()));
        EnrolmentPolicies.EnrolmentPolicy policy = policies.at(institution.area(), contract.startsOn());
        EnrolmentRules.PREPAYMENT_WITHIN_CAP.enforce(new EnrolmentRules.ContractUnderPolicy(contract, policy));
        EnrolmentRules.VALID_ENTRY_CHECK_ON_RECORD.enforce(new EnrolmentRules.EntryCheck(child, contract.startsOn(), policy));
        LocalDate last = lastDayOfCare(contract.endsOn(), child.age());
        var held = registry.claim(new EnrolmentRegistry.Enrolment(command.enrolmentId(), command.childRef(),
                institution.id(), command.classId(), child.birthMonth(), contract.startsOn(), last, true,
                child.birthDate(), child.personKey()));
        MetaData meta = InstitutionMetaData.of(institution.id(), institution.division());
        if (held.isPresent()) {
            apply(new DoubleEnrolmentAttempted(institution.id(), command.enrolmentId(), command.childRef(),
                    held.get().institutionId(), held.get().enrolmentId(), clock.instant()), meta);
            return new DoubleEnrolmentRefusal(command.childRef().value());
        }
        apply(new ChildEnrolled(institution.id(), command.enrolmentId(), command.childRef(), command.classId(),
                target.classType(), child.birthMonth(), contract, clock.instant(), child.birthDate()), meta);
        return command.enrolmentId().value();
    }

    /** Moves a child to another class as it grows: the target class's age band and places apply. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(TransferChild command, MetaData metaData, Clock clock, InstitutionFacts institutions,
                EnrolmentRegistry registry) {
        var institution = institutions.forInstitutionItself(command.institutionId(), Caller.fromMetaData(metaData));
        EnrolmentRules.INSTITUTION_FILED_AND_NOT_SUSPENDED.enforce(institution.status());
        requireActiveIn(command.institutionId());
        if (command.effectiveOn() == null) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "effectiveOn is required");
        }
        if (classId.equals(command.toClassId())) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "The child is already in class " + command.toClassId());
        }
        InstitutionFacts.ClassFacts target = institution.openClass(command.toClassId());
        EnrolmentRules.CHILD_AGE_FITS_CLASS_TYPE.enforce(
                new EnrolmentRules.Placement(target.classType(), age(), command.effectiveOn()));
        EnrolmentRegistry.Occupancy occupancy = registry.lockPlaces(institution.id(), command.toClassId());
        EnrolmentRules.CLASS_HAS_A_FREE_PLACE.enforce(new EnrolmentRules.Occupancy(target.places(), occupancy.inClass()));
        registry.moveTo(command.enrolmentId(), command.toClassId());
        apply(new ChildTransferred(institutionId, enrolmentId, childRef, classId, command.toClassId(), target.classType(),
                command.effectiveOn(), clock.instant()), InstitutionMetaData.of(institutionId, division));
    }

    /**
     * Ends an enrolment. A withdrawal (退托) comes from the institution; contract end and age-out
     * come from the application's own process ({@link EnrolmentLifecycleWorker}).
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(EndEnrolment command, MetaData metaData, Clock clock, InstitutionFacts institutions,
                EnrolmentRegistry registry) {
        Caller caller = Caller.fromMetaData(metaData);
        if (command.reason() == null || command.endsOn() == null) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "reason and endsOn are required");
        }
        if (command.reason() == EnrolmentEndReason.WITHDRAWN) {
            institutions.forInstitutionItself(command.institutionId(), caller);
        } else {
            caller.requireRole(Role.SYSTEM, Role.ADMIN);
        }
        requireActiveIn(command.institutionId());
        if (command.endsOn().isBefore(startsOn.minusDays(1)) || command.endsOn().isAfter(lastDay)) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "endsOn must lie between the day before the start ("
                    + startsOn + ") and the last day of the contract (" + lastDay + ")");
        }
        registry.end(command.enrolmentId(), command.endsOn(), command.reason());
        apply(new EnrolmentEnded(institutionId, enrolmentId, childRef, classId, command.reason(), command.endsOn(),
                command.note(), clock.instant()), InstitutionMetaData.of(institutionId, division));
    }

    /** An enrolment that is not recorded, refused, ended, or of another institution is not found "here". */
    private void requireActiveIn(InstitutionId institution) {
        if (enrolmentId == null || !active || !institutionId.equals(institution)) {
            throw new DomainException(ErrorCode.ENROLMENT_NOT_FOUND, "No active enrolment here");
        }
    }

    private ChildAge age() {
        return ChildAge.of(birthDate, birthMonth);
    }

    /**
     * Care ends with the contract, or earlier with the last day before the child reaches 36
     * months (docs/domain.md, rule A4).
     */
    static LocalDate lastDayOfCare(LocalDate contractEnd, ChildAge age) {
        LocalDate beforeAgeOut = age.lastDayOfCare();
        return contractEnd.isAfter(beforeAgeOut) ? beforeAgeOut : contractEnd;
    }

    @EventSourcingHandler
    void on(ChildEnrolled event, MetaData metaData) {
        opened(event.enrolmentId(), event.institutionId(), event.childRef(), metaData);
        classId = event.classId();
        birthMonth = event.birthMonth();
        birthDate = event.birthDate();
        startsOn = event.contract().startsOn();
        lastDay = lastDayOfCare(event.contract().endsOn(), event.age());
        active = true;
    }

    @EventSourcingHandler
    void on(DoubleEnrolmentAttempted event, MetaData metaData) {
        opened(event.attemptedEnrolmentId(), event.institutionId(), event.childRef(), metaData);
        active = false;
    }

    /** What the first event of the stream (an enrolment, or a refused attempt) says: whose enrolment, where. */
    private void opened(EnrolmentId enrolment, InstitutionId institution, ChildRef child, MetaData metaData) {
        enrolmentId = enrolment;
        institutionId = institution;
        division = InstitutionMetaData.jurisdiction(metaData);
        childRef = child;
    }

    @EventSourcingHandler
    void on(ChildTransferred event) {
        classId = event.toClassId();
    }

    @EventSourcingHandler
    void on(EnrolmentEnded event) {
        active = false;
    }
}
