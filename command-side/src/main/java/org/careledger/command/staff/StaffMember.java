package org.careledger.command.staff;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.careledger.command.filing.InstitutionFacts;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.id.StaffRef;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.staff.StaffCertificatesRenewed;
import org.careledger.kernel.staff.StaffMemberLeft;
import org.careledger.kernel.staff.StaffMemberRegistered;
import org.careledger.kernel.stereotype.AggregateRoot;
import org.careledger.command.InstitutionMetaData;

/**
 * A staff member of an institution, by staff reference (ADR 0023). It guards alone: registered
 * once while current, certificates renewed and departure recorded only while current (a departed
 * member may be registered again). It reads its institution (status, classes, division) through
 * {@link InstitutionFacts}. Staff registered before the split have their first events in the
 * institution's stream; {@link org.careledger.command.legacy.LegacyInstitutionStreamRepository}
 * reads them.
 */
@AggregateRoot
@Aggregate(repository = StaffConfiguration.REPOSITORY)
public class StaffMember {

    @AggregateIdentifier
    private StaffRef staffRef;
    private InstitutionId institutionId;
    private boolean current;
    /** Null for a member whose registration carried none (a renewal is then always recorded). */
    private LocalDate qualificationExpiresOn;
    private LocalDate healthCertificateExpiresOn;

    protected StaffMember() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterStaffMember command, MetaData metaData, Clock clock, InstitutionFacts institutions,
                StaffPersonalDataStore vault) {
        var institution = institutions.forInstitutionItself(command.institutionId(), Caller.fromMetaData(metaData));
        if (!institution.operating()) {
            throw new DomainException(ErrorCode.INSTITUTION_NOT_ACCEPTING_CHILDREN,
                    "The institution's filing is " + institution.status());
        }
        if (current) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "Staff member " + command.staffRef() + " is already registered");
        }
        if (command.role() == null || command.qualification() == null || command.qualification().isBlank()
                || command.personalData() == null || command.personalData().name() == null
                || command.personalData().name().isBlank()) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "role, qualification and name are required");
        }
        if (command.classId() != null) {
            institution.openClass(command.classId());
        }
        vault.store(command.staffRef(), command.personalData());
        apply(new StaffMemberRegistered(institution.id(), command.staffRef(), command.role(), command.classId(),
                command.qualification(), command.qualificationExpiresOn(), command.healthCertificateExpiresOn(),
                clock.instant()), metaData(institution));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RenewStaffCertificates command, MetaData metaData, Clock clock, InstitutionFacts institutions) {
        var institution = institutions.forInstitutionItself(command.institutionId(), Caller.fromMetaData(metaData));
        requireCurrentIn(command.institutionId(), command.staffRef());
        if (Objects.equals(qualificationExpiresOn, command.qualificationExpiresOn())
                && Objects.equals(healthCertificateExpiresOn, command.healthCertificateExpiresOn())) {
            return; // a command that changes nothing appends nothing (ADR 0020)
        }
        apply(new StaffCertificatesRenewed(institution.id(), command.staffRef(), command.qualificationExpiresOn(),
                command.healthCertificateExpiresOn(), clock.instant()), metaData(institution));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordStaffDeparture command, MetaData metaData, Clock clock, InstitutionFacts institutions) {
        var institution = institutions.forInstitutionItself(command.institutionId(), Caller.fromMetaData(metaData));
        requireCurrentIn(command.institutionId(), command.staffRef());
        if (command.leftOn() == null) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "leftOn is required");
        }
        apply(new StaffMemberLeft(institution.id(), command.staffRef(), command.leftOn(), clock.instant()),
                metaData(institution));
    }

    private void requireCurrentIn(InstitutionId institution, StaffRef ref) {
        if (!current || !institutionId.equals(institution)) {
            throw new DomainException(ErrorCode.STAFF_NOT_FOUND, "No current staff member " + ref + " here");
        }
    }

    private static MetaData metaData(InstitutionFacts.Facts institution) {
        return InstitutionMetaData.of(institution.id(), institution.division());
    }

    @EventSourcingHandler
    void on(StaffMemberRegistered event) {
        staffRef = event.staffRef();
        institutionId = event.institutionId();
        current = true;
        qualificationExpiresOn = event.qualificationExpiresOn();
        healthCertificateExpiresOn = event.healthCertificateExpiresOn();
    }

    @EventSourcingHandler
    void on(StaffCertificatesRenewed event) {
        qualificationExpiresOn = event.qualificationExpiresOn();
        healthCertificateExpiresOn = event.healthCertificateExpiresOn();
    }

    @EventSourcingHandler
    void on(StaffMemberLeft event) {
        current = false;
    }
}
