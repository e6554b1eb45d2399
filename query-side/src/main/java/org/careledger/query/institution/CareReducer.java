package org.careledger.query.institution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.careledger.kernel.child.HealthCheckKind;
import org.careledger.kernel.child.HealthCheckRecorded;
import org.careledger.kernel.enrolment.ChildEnrolled;
import org.careledger.kernel.enrolment.ChildTransferred;
import org.careledger.kernel.enrolment.DoubleEnrolmentAttempted;
import org.careledger.kernel.enrolment.EnrolmentEnded;
import org.careledger.kernel.staff.MedicalAgreementSigned;
import org.careledger.kernel.staff.StaffCertificatesRenewed;
import org.careledger.kernel.staff.StaffMemberLeft;
import org.careledger.kernel.staff.StaffMemberRegistered;

/** Folds the care events (enrolment, health checks, staff, medical agreement) into {@link Care}: pure, no I/O. */
final class CareReducer {

    private CareReducer() {
    }

    /** The new care state, or null if the event is not a care event. */
    static Care apply(Care c, Object event) {
        if (event instanceof ChildEnrolled e) {
            Map<String, Care.EnrolledChild> enrolments = new LinkedHashMap<>(c.enrolments());
            enrolments.put(e.enrolmentId().value(), new Care.EnrolledChild(e.childRef().value(), e.classId().value(),
                    e.birthMonth(), e.contract().startsOn(), e.birthDate(), e.contract().endsOn()));
            return new Care(enrolments, c.health(), c.staff(), c.medicalAgreement(), c.doubleEnrolmentAttempts());
        }
        if (event instanceof ChildTransferred e) {
            Map<String, Care.EnrolledChild> enrolments = new LinkedHashMap<>(c.enrolments());
            enrolments.computeIfPresent(e.enrolmentId().value(), (k, x) -> new Care.EnrolledChild(x.childRef(),
                    e.toClassId().value(), x.birthMonth(), x.startsOn(), x.birthDate(), x.contractEndsOn()));
            return new Care(enrolments, c.health(), c.staff(), c.medicalAgreement(), c.doubleEnrolmentAttempts());
        }
        if (event instanceof EnrolmentEnded e) {
            Map<String, Care.EnrolledChild> enrolments = new LinkedHashMap<>(c.enrolments());
            enrolments.remove(e.enrolmentId().value());
            Map<String, Care.HealthRecord> health = new LinkedHashMap<>(c.health());
            health.remove(e.childRef().value());
            return new Care(enrolments, health, c.staff(), c.medicalAgreement(), c.doubleEnrolmentAttempts());
        }
        if (event instanceof DoubleEnrolmentAttempted e) {
            List<Care.DoubleEnrolmentAttempt> attempts = new ArrayList<>(c.doubleEnrolmentAttempts());
            attempts.add(new Care.DoubleEnrolmentAttempt(e.childRef().value(), e.holdingInstitutionId().value(),
                    e.occurredAt()));
            while (attempts.size() > Care.ATTEMPTS_KEPT) {
                attempts.remove(0);
            }
            return new Care(c.enrolments(), c.health(), c.staff(), c.medicalAgreement(), attempts);
        }
        if (event instanceof HealthCheckRecorded e) {
            Map<String, Care.HealthRecord> health = new LinkedHashMap<>(c.health());
            Care.HealthRecord h = health.getOrDefault(e.childRef().value(), new Care.HealthRecord(null, null, null));
            boolean entry = e.kind() == HealthCheckKind.ENTRY
                    && (h.entryCheckOn() == null || !e.checkedOn().isBefore(h.entryCheckOn()));
            health.put(e.childRef().value(), new Care.HealthRecord(entry ? e.checkedOn() : h.entryCheckOn(),
                    entry ? e.outcome() : h.entryOutcome(),
                    h.lastCheckOn() == null || e.checkedOn().isAfter(h.lastCheckOn()) ? e.checkedOn() : h.lastCheckOn()));
            return new Care(c.enrolments(), health, c.staff(), c.medicalAgreement(), c.doubleEnrolmentAttempts());
        }
        if (event instanceof StaffMemberRegistered e) {
            Map<String, Care.StaffMember> staff = new LinkedHashMap<>(c.staff());
            staff.put(e.staffRef().value(), new Care.StaffMember(e.role(), e.classId() == null ? null : e.classId().value(),
                    e.qualification(), e.qualificationExpiresOn(), e.healthCertificateExpiresOn()));
            return new Care(c.enrolments(), c.health(), staff, c.medicalAgreement(), c.doubleEnrolmentAttempts());
        }
        if (event instanceof StaffCertificatesRenewed e) {
            Map<String, Care.StaffMember> staff = new LinkedHashMap<>(c.staff());
            staff.computeIfPresent(e.staffRef().value(), (k, s) -> new Care.StaffMember(s.role(), s.classId(),
                    s.qualification(), e.qualificationExpiresOn(), e.healthCertificateExpiresOn()));
            return new Care(c.enrolments(), c.health(), staff, c.medicalAgreement(), c.doubleEnrolmentAttempts());
        }
        if (event instanceof StaffMemberLeft e) {
            Map<String, Care.StaffMember> staff = new LinkedHashMap<>(c.staff());
            staff.remove(e.staffRef().value());
            return new Care(c.enrolments(), c.health(), staff, c.medicalAgreement(), c.doubleEnrolmentAttempts());
        }
        if (event instanceof MedicalAgreementSigned e) {
            return new Care(c.enrolments(), c.health(), c.staff(),
                    new Care.MedicalAgreement(e.partnerName(), e.signedOn(), e.validUntil()), c.doubleEnrolmentAttempts());
        }
        return null;
    }
}
