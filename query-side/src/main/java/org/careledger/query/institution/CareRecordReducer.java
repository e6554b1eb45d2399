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

/** Folds the care events (enrolment, health checks, staff, medical agreement) into {@link CareRecord}: pure, no I/O. */
final class CareRecordReducer {

    private CareRecordReducer() {
    }

    /** The new care state, or null if the event is not a care event. */
    static CareRecord apply(CareRecord c, Object event) {
        if (event instanceof ChildEnrolled e) {
            Map<String, CareRecord.EnrolledChild> enrolments = new LinkedHashMap<>(c.enrolments());
            enrolments.put(e.enrolmentId().value(), new CareRecord.EnrolledChild(e.childRef().value(), e.classId().value(),
                    e.birthMonth(), e.contract().startsOn(), e.birthDate(), e.contract().endsOn()));
            return new CareRecord(enrolments, c.health(), c.staff(), c.medicalAgreement(), c.doubleEnrolmentAttempts());
        }
        if (event instanceof ChildTransferred e) {
            Map<String, CareRecord.EnrolledChild> enrolments = new LinkedHashMap<>(c.enrolments());
            enrolments.computeIfPresent(e.enrolmentId().value(), (k, x) -> new CareRecord.EnrolledChild(x.childRef(),
                    e.toClassId().value(), x.birthMonth(), x.startsOn(), x.birthDate(), x.contractEndsOn()));
            return new CareRecord(enrolments, c.health(), c.staff(), c.medicalAgreement(), c.doubleEnrolmentAttempts());
        }
        if (event instanceof EnrolmentEnded e) {
            Map<String, CareRecord.EnrolledChild> enrolments = new LinkedHashMap<>(c.enrolments());
            enrolments.remove(e.enrolmentId().value());
            Map<String, CareRecord.HealthRecord> health = new LinkedHashMap<>(c.health());
            health.remove(e.childRef().value());
            return new CareRecord(enrolments, health, c.staff(), c.medicalAgreement(), c.doubleEnrolmentAttempts());
        }
        if (event instanceof DoubleEnrolmentAttempted e) {
            List<CareRecord.DoubleEnrolmentAttempt> attempts = new ArrayList<>(c.doubleEnrolmentAttempts());
            attempts.add(new CareRecord.DoubleEnrolmentAttempt(e.childRef().value(), e.holdingInstitutionId().value(),
                    e.occurredAt()));
            while (attempts.size() > CareRecord.ATTEMPTS_KEPT) {
                attempts.remove(0);
            }
            return new CareRecord(c.enrolments(), c.health(), c.staff(), c.medicalAgreement(), attempts);
        }
        if (event instanceof HealthCheckRecorded e) {
            Map<String, CareRecord.HealthRecord> health = new LinkedHashMap<>(c.health());
            CareRecord.HealthRecord h = health.getOrDefault(e.childRef().value(), new CareRecord.HealthRecord(null, null, null));
            boolean entry = e.kind() == HealthCheckKind.ENTRY
                    && (h.entryCheckOn() == null || !e.checkedOn().isBefore(h.entryCheckOn()));
            health.put(e.childRef().value(), new CareRecord.HealthRecord(entry ? e.checkedOn() : h.entryCheckOn(),
                    entry ? e.outcome() : h.entryOutcome(),
                    h.lastCheckOn() == null || e.checkedOn().isAfter(h.lastCheckOn()) ? e.checkedOn() : h.lastCheckOn()));
            return new CareRecord(c.enrolments(), health, c.staff(), c.medicalAgreement(), c.doubleEnrolmentAttempts());
        }
        if (event instanceof StaffMemberRegistered e) {
            Map<String, CareRecord.StaffMember> staff = new LinkedHashMap<>(c.staff());
            staff.put(e.staffRef().value(), new CareRecord.StaffMember(e.role(), e.classId() == null ? null : e.classId().value(),
                    e.qualification(), e.qualificationExpiresOn(), e.healthCertificateExpiresOn()));
            return new CareRecord(c.enrolments(), c.health(), staff, c.medicalAgreement(), c.doubleEnrolmentAttempts());
        }
        if (event instanceof StaffCertificatesRenewed e) {
            Map<String, CareRecord.StaffMember> staff = new LinkedHashMap<>(c.staff());
            staff.computeIfPresent(e.staffRef().value(), (k, s) -> new CareRecord.StaffMember(s.role(), s.classId(),
                    s.qualification(), e.qualificationExpiresOn(), e.healthCertificateExpiresOn()));
            return new CareRecord(c.enrolments(), c.health(), staff, c.medicalAgreement(), c.doubleEnrolmentAttempts());
        }
        if (event instanceof StaffMemberLeft e) {
            Map<String, CareRecord.StaffMember> staff = new LinkedHashMap<>(c.staff());
            staff.remove(e.staffRef().value());
            return new CareRecord(c.enrolments(), c.health(), staff, c.medicalAgreement(), c.doubleEnrolmentAttempts());
        }
        if (event instanceof MedicalAgreementSigned e) {
            return new CareRecord(c.enrolments(), c.health(), c.staff(),
                    new CareRecord.MedicalAgreement(e.partnerName(), e.signedOn(), e.validUntil()), c.doubleEnrolmentAttempts());
        }
        return null;
    }
}
