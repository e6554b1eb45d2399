package org.careledger.query.institution;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.careledger.kernel.child.HealthOutcome;
import org.careledger.kernel.staff.StaffRole;
import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.InstitutionType;

/**
 * The care side of an institution's view: active enrolments, health-check dates of its children,
 * staff with certificate expiry, its medical agreement, and recent double-enrolment attempts.
 * Children and staff appear only by opaque reference; nothing here identifies a person, and the
 * public white-list shows only counts from it.
 */
public record CareRecord(Map<String, EnrolledChild> enrolments, Map<String, HealthRecord> health,
                         Map<String, StaffMember> staff, MedicalAgreement medicalAgreement,
                         List<DoubleEnrolmentAttempt> doubleEnrolmentAttempts) {

    static final int FAMILY_CARE_POINT_CHILDREN_PER_CARER = org.careledger.kernel.standard.FamilyCarePointStandard.CHILDREN_PER_CARER;

    /** Attempts kept in the view (the events keep them all). */
    static final int ATTEMPTS_KEPT = 20;

    public static final CareRecord EMPTY = new CareRecord(Map.of(), Map.of(), Map.of(), null, List.of());

    /**
     * @param birthDate      the birth date when the enrolment carries it (ages to the day), else null
     * @param contractEndsOn the contract's last day, or null (views written before it was kept)
     */
    public record EnrolledChild(String childRef, String classId, YearMonth birthMonth, LocalDate startsOn,
                                LocalDate birthDate, LocalDate contractEndsOn) {

        public EnrolledChild(String childRef, String classId, YearMonth birthMonth, LocalDate startsOn) {
            this(childRef, classId, birthMonth, startsOn, null, null);
        }

        public org.careledger.kernel.child.ChildAge age() {
            return org.careledger.kernel.child.ChildAge.of(birthDate, birthMonth);
        }
    }

    /** Days before a child's age-out from which the alert shows it (docs/domain.md, rule A5). */
    public static final int AGE_OUT_NOTICE_DAYS = 30;

    /** Latest health-check dates of a child; outcomes are codes only. */
    public record HealthRecord(LocalDate entryCheckOn, HealthOutcome entryOutcome, LocalDate lastCheckOn) {
    }

    public record StaffMember(StaffRole role, String classId, String qualification, LocalDate qualificationExpiresOn,
                              LocalDate healthCertificateExpiresOn) {
    }

    public record MedicalAgreement(String partnerName, LocalDate signedOn, LocalDate validUntil) {
    }

    public record DoubleEnrolmentAttempt(String childRef, String holdingInstitutionId, Instant at) {
    }

    /** An alert the supervision view raises; {@code subject} is a class id, child or staff reference. */
    public record Alert(String type, String subject, String detail) {
    }

    public CareRecord {
        enrolments = enrolments == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(enrolments));
        health = health == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(health));
        staff = staff == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(staff));
        doubleEnrolmentAttempts = doubleEnrolmentAttempts == null ? List.of() : List.copyOf(doubleEnrolmentAttempts);
    }

    public int enrolledIn(String classId) {
        return (int) enrolments.values().stream().filter(e -> e.classId().equals(classId)).count();
    }

    public int enrolled() {
        return enrolments.size();
    }

    public int carersIn(String classId) {
        return (int) staff.values().stream()
                .filter(s -> s.role() == StaffRole.CARER && classId.equals(s.classId())).count();
    }

    /** Children per carer allowed in a class type by the national standard (0 = no ratio set). */
    public static int childrenPerCarer(ClassType type) {
        return org.careledger.kernel.standard.ClassStandard.of(type).childrenPerCarer();
    }

    /**
     * The supervision alerts as of a day: over capacity, staff-ratio breach, enrolled child without
     * a valid entry check, overdue periodic check (children from 12 months, every six months),
     * double-enrolment attempts, expired staff certificates, and a child reaching 36 months within
     * {@value #AGE_OUT_NOTICE_DAYS} days (or already, until the enrolment is ended).
     */
    public List<Alert> alerts(Map<String, InstitutionView.ClassView> classes, LocalDate today) {
        return alerts(classes, null, today);
    }

    /**
     * As {@link #alerts(Map, LocalDate)}; a family care point (家庭托育点) is also checked as a whole:
     * each carer looks after at most 3 children (national rules for family care points, 2023).
     */
    public List<Alert> alerts(Map<String, InstitutionView.ClassView> classes, InstitutionType type, LocalDate today) {
        List<Alert> alerts = new ArrayList<>();
        if (type == InstitutionType.FAMILY_CARE_POINT) {
            long carers = staff.values().stream().filter(s -> s.role() == StaffRole.CARER).count();
            if (enrolled() > carers * FAMILY_CARE_POINT_CHILDREN_PER_CARER) {
                alerts.add(new Alert("STAFF_RATIO_BREACH", "institution", enrolled() + " children with " + carers
                        + " carer(s); a family care point's carer looks after at most 3"));
            }
        }
        classes.forEach((classId, c) -> {
            int enrolled = enrolledIn(classId);
            if (enrolled > c.places()) {
                alerts.add(new Alert("OVER_CAPACITY", classId, enrolled + " children in " + c.places() + " places"));
            }
            int perCarer = childrenPerCarer(c.classType());
            if (enrolled > 0 && perCarer > 0 && enrolled > carersIn(classId) * perCarer) {
                alerts.add(new Alert("STAFF_RATIO_BREACH", classId, enrolled + " children with " + carersIn(classId)
                        + " carer(s); the standard is 1:" + perCarer + " for " + c.classType().label()));
            }
        });
        for (EnrolledChild e : enrolments.values()) {
            LocalDate agesOut = e.age().agesOutOn();
            boolean contractEndsFirst = e.contractEndsOn() != null && e.contractEndsOn().isBefore(agesOut.minusDays(1));
            if (!contractEndsFirst && !today.isBefore(agesOut.minusDays(AGE_OUT_NOTICE_DAYS))) {
                alerts.add(new Alert("AGE_OUT_UPCOMING", e.childRef(), "reaches 36 months on " + agesOut
                        + "; the enrolment ends with " + agesOut.minusDays(1)));
            }
            HealthRecord h = health.get(e.childRef());
            if (h == null || h.entryCheckOn() == null || h.entryOutcome() == HealthOutcome.UNFIT) {
                alerts.add(new Alert("MISSING_ENTRY_CHECK", e.childRef(), "no valid entry check on record"));
                continue;
            }
            int age = e.age().monthsOn(today);
            LocalDate last = h.lastCheckOn() == null ? h.entryCheckOn() : h.lastCheckOn();
            if (age >= 12 && last.plusMonths(6).isBefore(today)) {
                alerts.add(new Alert("PERIODIC_CHECK_OVERDUE", e.childRef(), "last check on " + last));
            }
        }
        for (DoubleEnrolmentAttempt a : doubleEnrolmentAttempts) {
            // the attempting institution's operator reads this view too: the holding institution is
            // not named here (docs/domain.md rule P4); inspectors find it in the event's history
            alerts.add(new Alert("DOUBLE_ENROLMENT_ATTEMPT", a.childRef(), "attempted at " + a.at()
                    + " while the child holds an active enrolment elsewhere"));
        }
        staff.forEach((ref, s) -> {
            if (s.qualificationExpiresOn() != null && s.qualificationExpiresOn().isBefore(today)) {
                alerts.add(new Alert("STAFF_CERTIFICATE_EXPIRED", ref, "qualification expired on " + s.qualificationExpiresOn()));
            }
            if (s.healthCertificateExpiresOn() != null && s.healthCertificateExpiresOn().isBefore(today)) {
                alerts.add(new Alert("STAFF_CERTIFICATE_EXPIRED", ref,
                        "health certificate expired on " + s.healthCertificateExpiresOn()));
            }
        });
        return alerts;
    }
}
