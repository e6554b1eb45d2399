package org.careledger.command.filing;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.filing.ClassClosed;
import org.careledger.kernel.filing.ClassOpened;
import org.careledger.kernel.filing.ClassResized;
import org.careledger.kernel.filing.FilingAmended;
import org.careledger.kernel.filing.FilingApproved;
import org.careledger.kernel.filing.FilingRejected;
import org.careledger.kernel.filing.FilingReinstated;
import org.careledger.kernel.filing.FilingRevoked;
import org.careledger.kernel.filing.FilingStatusChanged;
import org.careledger.kernel.filing.FilingSubmitted;
import org.careledger.kernel.filing.FilingSuspended;
import org.careledger.kernel.filing.InstitutionDeregistered;
import org.careledger.kernel.filing.PuhuiStatusGranted;
import org.careledger.kernel.filing.PuhuiStatusWithdrawn;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.staff.MedicalAgreementSigned;
import org.careledger.command.staff.SignMedicalAgreement;
import org.careledger.kernel.licence.FilingCertificate;
import org.careledger.kernel.licence.FilingCertificateIssued;
import org.careledger.kernel.licence.LicenceCheckOutcome;
import org.careledger.kernel.licence.LicenceStatus;
import org.careledger.kernel.licence.LicenceStatusChanged;
import org.careledger.kernel.licence.LicenceVerificationFailed;
import org.careledger.kernel.licence.LicenceVerificationOverridden;
import org.careledger.kernel.licence.LicenceVerified;
import org.careledger.command.licence.OverrideLicenceVerification;
import org.careledger.command.licence.RecordLicenceCheck;
import org.careledger.command.licence.RecordLicenceStatusChange;
import org.careledger.command.licence.NotificationOutcome;
import org.careledger.kernel.licence.LicenceChange;
import org.careledger.command.licence.ELicenseProperties;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.id.FilingNumber;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.value.ClassSpec;
import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.LocalZones;
import org.careledger.kernel.value.FilingStatus;
import org.careledger.kernel.value.InstitutionType;
import org.careledger.kernel.value.InputRules;
import org.careledger.kernel.stereotype.AggregateRoot;
import org.careledger.command.InstitutionMetaData;
import org.careledger.command.SnapshotFields;

/**
 * A childcare institution as the health commission knows it: its filing (备案) and status, its
 * classes and places, and its 普惠 status. Every decision checks the caller (ADR 0007) and the
 * named policies before it applies events; state changes only in the event-sourcing handlers.
 */
@AggregateRoot
@Aggregate(snapshotTriggerDefinition = "institutionSnapshotTrigger")
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true) // snapshots taken before the split (ADR 0023) carry enrolments and staff
@SnapshotFields
class Institution {

    @AggregateIdentifier
    private InstitutionId id;
    private DivisionCode division;
    private InstitutionType type;
    private FilingStatus status;
    private boolean mealsServed;
    private boolean puhui;
    private FilingNumber filingNumber;
    /** The day (China Standard Time) the filing was first approved; null before, or in snapshots taken before it was kept. */
    private java.time.LocalDate filedOn;
    private String name;
    /** The amendable particulars as last filed or amended; null in snapshots taken before they were kept. */
    private Particulars particulars;
    private String creditCode;
    private LicenceStatus licenceStatus;
    /** Notifications already applied (bounded), so a re-sent notification changes nothing. */
    private java.util.LinkedHashSet<String> seenNotifications = new java.util.LinkedHashSet<>();
    private Map<String, ClassState> classes = new LinkedHashMap<>();
    /**
     * The names of the open classes by class id, compared as {@link ClassRules#nameKey} does (a
     * name is free again once its class closes). Kept beside {@link #classes} so snapshots taken
     * before it existed still load (they know no names; the check then covers later classes only).
     */
    private Map<String, String> openClassNames = new LinkedHashMap<>();

    /** A class of this institution as far as the rules need it. */
    record ClassState(ClassType classType, int places, boolean open) {
    }

    /** What an amendment (变更) may change, compared to tell an amendment that changes nothing. */
    record Particulars(String name, String address, org.careledger.kernel.value.GeoPoint location, String contactPhone,
                       boolean mealsServed, java.util.Set<org.careledger.kernel.value.ServiceType> serviceTypes,
                       java.util.List<org.careledger.kernel.value.Fee> fees,
                       java.util.List<org.careledger.kernel.value.FilingDocument> documents, String zone) {
    }

    protected Institution() {
        // for Axon (event sourcing) and Jackson (snapshots)
    }

    /** Registers the institution and submits its filing. Authorization is checked by {@link FileInstitutionHandler}. */
    Institution(FileInstitution command, Instant now) {
        ClassRules.CLASSES_FIT_THE_STANDARDS.enforce(new ClassRules.ClassPlan(command.type(), command.classes().stream()
                .map(c -> new ClassState(c.classType(), c.places(), true)).toList()));
        FilingRules.DOCUMENTS_COMPLETE.enforce(new FilingRules.Documents(command.documents(), command.mealsServed()));
        ClassRules.CLASS_NAMES_DISTINCT.enforce(command.classes().stream().map(ClassSpec::name).toList());
        // rule F4 (GB 32100-2015, ADR 0010): a failing checksum is no refusal; the filing is marked for licence verification
        boolean checksumValid = command.creditCode().checksumValid();
        MetaData meta = InstitutionMetaData.of(command.institutionId(), command.division());
        apply(new FilingSubmitted(command.institutionId(), command.creditCode(), checksumValid, command.name(),
                command.type(), command.division(), command.address(), command.location(), command.contactPhone(),
                command.mealsServed(), command.serviceTypes(), command.fees(), command.documents(), now,
                command.zone()), meta);
        for (ClassSpec c : command.classes()) {
            apply(new ClassOpened(command.institutionId(), c.classId(), c.name(), c.classType(), c.places(), now), meta);
        }
    }

    @CommandHandler
    void handle(ApproveFiling command, MetaData metaData, Clock clock, FilingNumberAllocator allocator,
                FilingCertificateSigner signer) {
        take(FilingLifecycleRules.APPROVE, metaData);
        FilingRules.LICENCE_VERIFIED_BEFORE_APPROVAL.enforce(licenceStatus);
        Instant now = clock.instant();
        int year = now.atZone(InputRules.ZONE).getYear(); // the approval year in China Standard Time
        long serial = allocator.nextSerial(division, year);
        FilingNumber number = FilingNumber.of(division, year, serial);
        emit(new FilingApproved(id, number, division, now));
        // the filing certificate (备案回执) is issued with the approval, as an electronic licence
        String issuer = signer.issuerCreditCode(division);
        FilingCertificate certificate = new FilingCertificate(FilingCertificate.number(issuer, year, serial),
                number.value(), name, creditCode, division.value(), issuer, now);
        emit(new FilingCertificateIssued(id, certificate.certificateNumber(), certificate.filingNumber(),
                certificate.institutionName(), certificate.creditCode(), certificate.division(),
                certificate.issuerCreditCode(), certificate.issuedAt(), signer.keyId(),
                signer.sign(certificate.canonicalBytes()), now));
    }

    /** The e-license platform's answer about the business licence; only the application itself records it. */
    @CommandHandler
    void handle(RecordLicenceCheck command, MetaData metaData, Clock clock) {
        Caller.fromMetaData(metaData).requireRole(Role.SYSTEM);
        if (command.outcome() == LicenceCheckOutcome.VALID) {
            emit(new LicenceVerified(id, command.licenceNumber(), command.validFrom(), command.validUntil(), clock.instant()));
        } else {
            emit(new LicenceVerificationFailed(id, command.outcome(), command.detail(), clock.instant()));
        }
    }

    @CommandHandler
    void handle(OverrideLicenceVerification command, MetaData metaData, Clock clock) {
        FilingAuthorization.healthCommission(Caller.fromMetaData(metaData), id, division);
        FilingRules.OVERRIDE_ONLY_WHEN_NOT_VERIFIED.enforce(licenceStatus);
        emit(new LicenceVerificationOverridden(id, requireReason(command.reason()), clock.instant()));
    }

    /**
     * A licence change pushed by an e-license platform; a notification seen before changes nothing
     * and is answered as a duplicate. When {@code careledger.e-license.on-change.<CHANGE>} says
     * SUSPEND and the filing is FILED, the filing is suspended in the same command, so the position
     * the answer gives covers the suspension (a filing in any other status is left as it is).
     */
    @CommandHandler
    NotificationOutcome handle(RecordLicenceStatusChange command, MetaData metaData, Clock clock,
                               ELicenseProperties eLicense) {
        Caller.fromMetaData(metaData).requireRole(Role.SYSTEM);
        String key = command.platformId() + "/" + command.notificationId();
        if (seenNotifications.contains(key)) {
            return new NotificationOutcome(true);
        }
        emit(new LicenceStatusChanged(id, command.platformId(), command.notificationId(), command.change(),
                command.effectiveAt(), command.detail(), clock.instant()));
        String action = eLicense.onChange().getOrDefault(command.change().name(), "ALERT");
        if ("SUSPEND".equalsIgnoreCase(action) && FilingLifecycleRules.SUSPEND.allowedFrom(status)) {
            emit(new FilingSuspended(id, "营业执照" + (command.change() == LicenceChange.REVOKED ? "已吊销/撤销" : "状态变更")
                    + " (e-license notification " + command.platformId() + "/" + command.notificationId() + ")",
                    clock.instant()));
        }
        return new NotificationOutcome(false);
    }

    @CommandHandler
    void handle(RejectFiling command, MetaData metaData, Clock clock) {
        take(FilingLifecycleRules.REJECT, metaData);
        if (command.reasons() == null || command.reasons().isEmpty()
                || command.reasons().stream().allMatch(r -> r == null || r.isBlank())) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "A rejection names at least one reason");
        }
        emit(new FilingRejected(id, command.reasons(), clock.instant()));
    }

    @CommandHandler
    void handle(AmendFiling command, MetaData metaData, Clock clock, LocalZones zones, InstitutionDirectory institutions) {
        take(FilingLifecycleRules.AMEND, metaData);
        FilingRules.DOCUMENTS_COMPLETE.enforce(new FilingRules.Documents(command.documents(), command.mealsServed()));
        zones.requireIn(command.zone(), division); // rule F7: 400 INVALID_ZONE unless a zone of the division
        Particulars amended = new Particulars(command.name(), command.address(), command.location(),
                command.contactPhone(), command.mealsServed(), command.serviceTypes(), command.fees(), command.documents(),
                command.zone());
        if (status != FilingStatus.REJECTED && amended.equals(particulars)) {
            return; // a command that changes nothing appends nothing (ADR 0020); a rejected filing is resubmitted
        }
        institutions.placeInZone(id, command.zone());
        emit(new FilingAmended(id, command.name(), command.address(), command.location(), command.contactPhone(),
                command.mealsServed(), command.serviceTypes(), command.fees(), command.documents(), command.reason(),
                status == FilingStatus.REJECTED, clock.instant(), command.zone()));
    }

    @CommandHandler
    void handle(SuspendFiling command, MetaData metaData, Clock clock) {
        take(FilingLifecycleRules.SUSPEND, metaData);
        emit(new FilingSuspended(id, requireReason(command.reason()), clock.instant()));
    }

    @CommandHandler
    void handle(ReinstateFiling command, MetaData metaData, Clock clock) {
        take(FilingLifecycleRules.REINSTATE, metaData);
        emit(new FilingReinstated(id, command.reason(), clock.instant()));
    }

    @CommandHandler
    void handle(RevokeFiling command, MetaData metaData, Clock clock) {
        take(FilingLifecycleRules.REVOKE, metaData);
        emit(new FilingRevoked(id, requireReason(command.reason()), clock.instant()));
    }

    @CommandHandler
    void handle(DeregisterInstitution command, MetaData metaData, Clock clock) {
        take(FilingLifecycleRules.DEREGISTER, metaData);
        emit(new InstitutionDeregistered(id, command.reason(), clock.instant()));
    }

    @CommandHandler
    void handle(GrantPuhuiStatus command, MetaData metaData, Clock clock) {
        take(FilingLifecycleRules.GRANT_PUHUI, metaData);
        if (puhui) {
            throw new DomainException(ErrorCode.PUHUI_STATUS_UNCHANGED, "The institution already has 普惠 status");
        }
        if (command.effectiveFrom() == null) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "effectiveFrom is required");
        }
        emit(new PuhuiStatusGranted(id, command.effectiveFrom(), command.reference(), clock.instant()));
    }

    @CommandHandler
    void handle(WithdrawPuhuiStatus command, MetaData metaData, Clock clock) {
        take(FilingLifecycleRules.WITHDRAW_PUHUI, metaData);
        if (!puhui) {
            throw new DomainException(ErrorCode.PUHUI_STATUS_UNCHANGED, "The institution does not have 普惠 status");
        }
        if (command.effectiveFrom() == null) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "effectiveFrom is required");
        }
        emit(new PuhuiStatusWithdrawn(id, command.effectiveFrom(), requireReason(command.reason()), clock.instant()));
    }

    @CommandHandler
    void handle(OpenClass command, MetaData metaData, Clock clock) {
        take(FilingLifecycleRules.CHANGE_CLASSES, metaData);
        if (classes.containsKey(command.classId().value())) {
            throw new DomainException(ErrorCode.CLASS_ALREADY_EXISTS, "Class " + command.classId() + " already exists");
        }
        ClassRules.NAME_FREE_AMONG_OPEN_CLASSES.enforce(new ClassRules.ClassName(command.name(), openClassNames.values()));
        Map<String, ClassState> after = new LinkedHashMap<>(classes);
        after.put(command.classId().value(), new ClassState(command.classType(), command.places(), true));
        ClassRules.CLASSES_FIT_THE_STANDARDS.enforce(new ClassRules.ClassPlan(type, after.values()));
        emit(new ClassOpened(id, command.classId(), command.name(), command.classType(), command.places(), clock.instant()));
    }

    @CommandHandler
    void handle(ResizeClass command, MetaData metaData, Clock clock) {
        take(FilingLifecycleRules.CHANGE_CLASSES, metaData);
        ClassState current = openClass(command.classId());
        if (current.places() == command.places()) {
            return; // a command that changes nothing appends nothing (ADR 0020): the answer is the current position
        }
        Map<String, ClassState> after = new LinkedHashMap<>(classes);
        after.put(command.classId().value(), new ClassState(current.classType(), command.places(), true));
        ClassRules.CLASSES_FIT_THE_STANDARDS.enforce(new ClassRules.ClassPlan(type, after.values()));
        emit(new ClassResized(id, command.classId(), command.places(), current.places(), clock.instant()));
    }

    @CommandHandler
    void handle(CloseClass command, MetaData metaData, Clock clock) {
        take(FilingLifecycleRules.CHANGE_CLASSES, metaData);
        openClass(command.classId());
        emit(new ClassClosed(id, command.classId(), command.reason(), clock.instant()));
    }

    // ---- medical agreement (issue 3); enrolments and staff are aggregates of their own (ADR 0023) ----

    @CommandHandler
    void handle(SignMedicalAgreement command, MetaData metaData, Clock clock) {
        FilingAuthorization.institutionItself(Caller.fromMetaData(metaData), id, division);
        requireOperating();
        if (command.partnerName() == null || command.partnerName().isBlank() || command.signedOn() == null) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "partnerName and signedOn are required");
        }
        if (command.validUntil() != null && command.validUntil().isBefore(command.signedOn())) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "validUntil cannot be before signedOn");
        }
        emit(new MedicalAgreementSigned(id, command.partnerName().strip(), command.partnerCreditCode(), command.signedOn(),
                command.validUntil(), clock.instant()));
    }

    /** A step of the filing lifecycle: who may take it (ADR 0007), then whether the status allows it (F1). */
    private void take(FilingLifecycleRules step, MetaData metaData) {
        step.authority().authorize(Caller.fromMetaData(metaData), id, division);
        step.enforce(status);
    }

    private void requireOperating() {
        if (status == FilingStatus.REVOKED || status == FilingStatus.DEREGISTERED) {
            throw new DomainException(ErrorCode.INSTITUTION_NOT_ACCEPTING_CHILDREN, "The institution's filing is " + status);
        }
    }

    /** The day the filing was first approved, or null (read by {@link AggregateInstitutionRecord}). */
    java.time.LocalDate filedOn() {
        return filedOn;
    }

    /** What the enrolment and staff aggregates read of this institution (read by {@link AggregateInstitutionRecord}). */
    InstitutionFacts.Facts facts() {
        Map<String, InstitutionFacts.ClassFacts> classFacts = new LinkedHashMap<>();
        classes.forEach((classId, c) -> classFacts.put(classId,
                new InstitutionFacts.ClassFacts(c.classType(), c.places(), c.open())));
        return new InstitutionFacts.Facts(id, division, type, status, filedOn, classFacts,
                particulars == null ? null : particulars.zone());
    }

    /** The class if it exists and is open: refused as {@link InstitutionFacts.Facts#openClass} refuses it. */
    private ClassState openClass(ClassId classId) {
        facts().openClass(classId);
        return classes.get(classId.value());
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "A reason is required");
        }
        return reason;
    }

    private void emit(Object event) {
        apply(event, InstitutionMetaData.of(id, division));
    }

    @EventSourcingHandler
    void on(FilingSubmitted event) {
        id = event.institutionId();
        division = event.division();
        type = event.type();
        mealsServed = event.mealsServed();
        status = FilingStatus.SUBMITTED;
        name = event.name();
        particulars = new Particulars(event.name(), event.address(), event.location(), event.contactPhone(),
                event.mealsServed(), event.serviceTypes(), event.fees(), event.documents(), event.zone());
        creditCode = event.creditCode().value();
        licenceStatus = LicenceStatus.PENDING;
    }

    @EventSourcingHandler
    void on(LicenceVerified event) {
        licenceStatus = LicenceStatus.VERIFIED;
    }

    @EventSourcingHandler
    void on(LicenceVerificationFailed event) {
        if (licenceStatus != LicenceStatus.OVERRIDDEN) {
            licenceStatus = LicenceStatus.FAILED;
        }
    }

    @EventSourcingHandler
    void on(LicenceVerificationOverridden event) {
        licenceStatus = LicenceStatus.OVERRIDDEN;
    }

    @EventSourcingHandler
    void on(LicenceStatusChanged event) {
        seenNotifications.add(event.platformId() + "/" + event.notificationId());
        if (seenNotifications.size() > 200) {
            seenNotifications.remove(seenNotifications.iterator().next());
        }
    }

    @EventSourcingHandler
    void on(ClassOpened event) {
        classes.put(event.classId().value(), new ClassState(event.classType(), event.places(), true));
        openClassNames.put(event.classId().value(), ClassRules.nameKey(event.name()));
    }

    @EventSourcingHandler
    void on(ClassResized event) {
        classes.computeIfPresent(event.classId().value(), (k, c) -> new ClassState(c.classType(), event.places(), c.open()));
    }

    @EventSourcingHandler
    void on(ClassClosed event) {
        classes.computeIfPresent(event.classId().value(), (k, c) -> new ClassState(c.classType(), c.places(), false));
        openClassNames.remove(event.classId().value());
    }

    @EventSourcingHandler
    void on(FilingApproved event) {
        status = FilingStatus.FILED;
        filingNumber = event.filingNumber();
        if (filedOn == null) {
            filedOn = event.occurredAt().atZone(InputRules.ZONE).toLocalDate();
        }
    }

    @EventSourcingHandler
    void on(FilingRejected event) {
        status = FilingStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(FilingAmended event) {
        mealsServed = event.mealsServed();
        name = event.name();
        particulars = new Particulars(event.name(), event.address(), event.location(), event.contactPhone(),
                event.mealsServed(), event.serviceTypes(), event.fees(), event.documents(), event.zone());
        if (event.resubmitted()) {
            status = FilingStatus.SUBMITTED;
        }
    }

    /** Suspension, reinstatement, revocation, deregistration. */
    @EventSourcingHandler
    void on(FilingStatusChanged event) {
        status = event.filingStatus();
    }

    @EventSourcingHandler
    void on(PuhuiStatusGranted event) {
        puhui = true;
    }

    @EventSourcingHandler
    void on(PuhuiStatusWithdrawn event) {
        puhui = false;
    }
}
