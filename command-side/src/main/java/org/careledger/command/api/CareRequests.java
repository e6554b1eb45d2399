package org.careledger.command.api;

import static org.careledger.command.api.RequestParsing.MAX_REASON;
import static org.careledger.command.api.RequestParsing.MAX_TEXT;
import static org.careledger.command.api.RequestParsing.date;
import static org.careledger.command.api.RequestParsing.enumValue;
import static org.careledger.command.api.RequestParsing.fees;
import static org.careledger.command.api.RequestParsing.text;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.careledger.kernel.attendance.AbsenceReason;
import org.careledger.kernel.attendance.AttendanceEntry;
import org.careledger.command.attendance.SubmitAttendance;
import org.careledger.command.enrolment.EndEnrolment;
import org.careledger.command.enrolment.EnrolChild;
import org.careledger.kernel.enrolment.EnrolmentEndReason;
import org.careledger.kernel.enrolment.ServiceContract;
import org.careledger.command.enrolment.TransferChild;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.Violations;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.EnrolmentId;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.id.StaffRef;
import org.careledger.command.staff.RecordStaffDeparture;
import org.careledger.command.staff.RegisterStaffMember;
import org.careledger.command.staff.RenewStaffCertificates;
import org.careledger.command.staff.SignMedicalAgreement;
import org.careledger.kernel.staff.StaffPersonalData;
import org.careledger.kernel.staff.StaffRole;
import org.careledger.kernel.value.CreditCode;
import org.careledger.kernel.value.ServiceType;
import org.careledger.kernel.value.InputRules;

/** Request bodies of enrolment, attendance, staff and medical agreements, and their parsing into commands. */
final class CareRequests {

    /** Most records one attendance batch may carry (an institution's children on one day). */
    static final int MAX_ATTENDANCE_ENTRIES = 1000;

    private CareRequests() {
    }

    record ContractBody(String serviceType, String startsOn, String endsOn, List<FilingRequests.FeeBody> fees,
                        String refundStandard, String disputeResolution, Integer prepaidMonths) {
    }

    record EnrolBody(String childRef, String classId, ContractBody contract) {
    }

    record WithdrawBody(String endsOn, String note) {
    }

    record TransferBody(String toClassId, String effectiveOn) {
    }

    record AttendanceEntryBody(String childRef, String checkIn, String checkOut, String absence) {
    }

    record AttendanceBody(String day, List<AttendanceEntryBody> entries, String correctionReason) {
    }

    record StaffBody(String role, String classId, String qualification, String qualificationExpiresOn,
                     String healthCertificateExpiresOn, String name, String phone) {
        @Override
        public String toString() {
            return "StaffBody[" + role + ", " + classId + ", redacted]";
        }
    }

    record CertificatesBody(String qualificationExpiresOn, String healthCertificateExpiresOn) {
    }

    record DepartureBody(String leftOn) {
    }

    record MedicalAgreementBody(String partnerName, String partnerCreditCode, String signedOn, String validUntil) {
    }

    static EnrolChild enrol(InstitutionId institution, EnrolmentId enrolmentId, EnrolBody body) {
        Violations v = RequestParsing.violationsFor(body);
        ChildRef child = ref(v, "childRef", body.childRef(), ChildRef::new);
        ClassId classId = ref(v, "classId", body.classId(), ClassId::new);
        ServiceContract contract = null;
        ContractBody c = body.contract();
        if (c == null) {
            v.add("contract", "REQUIRED", "contract is required");
        } else {
            ServiceType serviceType = enumValue(v, "contract.serviceType", c.serviceType(), ServiceType.class, true);
            LocalDate startsOn = date(v, "contract.startsOn", c.startsOn(), true, InputRules.CONTRACT_START);
            LocalDate endsOn = date(v, "contract.endsOn", c.endsOn(), true, InputRules.CONTRACT_END);
            if (startsOn != null && endsOn != null && endsOn.isBefore(startsOn)) {
                v.add("contract.endsOn", "BEFORE_START", "the contract cannot end before it starts");
            }
            Violations feeViolations = new Violations();
            var fees = fees(feeViolations, c.fees());
            feeViolations.list().forEach(f -> v.add("contract." + f.field(), f.code(), f.message()));
            if (c.fees() == null || c.fees().isEmpty()) {
                v.add("contract.fees", "REQUIRED", "a contract lists its fee items and amounts");
            }
            String refund = text(v, "contract.refundStandard", c.refundStandard(), true, MAX_REASON);
            String dispute = text(v, "contract.disputeResolution", c.disputeResolution(), true, MAX_REASON);
            if (c.prepaidMonths() == null) {
                v.add("contract.prepaidMonths", "REQUIRED", "prepaidMonths is required (0 if nothing is paid in advance)");
            } else if (c.prepaidMonths() < 0 || c.prepaidMonths() > InputRules.MAX_PREPAID_MONTHS) {
                v.add("contract.prepaidMonths", "OUT_OF_RANGE", "prepaidMonths must be between 0 and " + InputRules.MAX_PREPAID_MONTHS);
            }
            contract = new ServiceContract(serviceType, startsOn, endsOn, fees, refund, dispute,
                    c.prepaidMonths() == null ? 0 : c.prepaidMonths());
        }
        v.throwIfAny();
        return new EnrolChild(institution, enrolmentId, child, classId, contract);
    }

    static EndEnrolment withdraw(InstitutionId institution, EnrolmentId enrolment, WithdrawBody body) {
        Violations v = RequestParsing.violationsFor(body);
        LocalDate endsOn = date(v, "endsOn", body.endsOn(), true, InputRules.CONTRACT_END);
        String note = text(v, "note", body.note(), false, MAX_REASON);
        v.throwIfAny();
        return new EndEnrolment(institution, enrolment, EnrolmentEndReason.WITHDRAWN, endsOn, note);
    }

    static TransferChild transfer(InstitutionId institution, EnrolmentId enrolment, TransferBody body) {
        Violations v = RequestParsing.violationsFor(body);
        ClassId to = ref(v, "toClassId", body.toClassId(), ClassId::new);
        LocalDate effectiveOn = date(v, "effectiveOn", body.effectiveOn(), true, InputRules.TRANSFER);
        v.throwIfAny();
        return new TransferChild(institution, enrolment, to, effectiveOn);
    }

    static SubmitAttendance attendance(InstitutionId institution, AttendanceBody body) {
        Violations v = RequestParsing.violationsFor(body);
        LocalDate day = date(v, "day", body.day(), true, InputRules.ATTENDANCE_DAY);
        List<AttendanceEntry> entries = new ArrayList<>();
        if (body.entries() == null || body.entries().isEmpty()) {
            v.add("entries", "REQUIRED", "entries needs at least one child's record");
        } else if (body.entries().size() > MAX_ATTENDANCE_ENTRIES) {
            v.add("entries", "TOO_MANY", "a batch carries at most " + MAX_ATTENDANCE_ENTRIES + " records");
        } else {
            for (int i = 0; i < body.entries().size(); i++) {
                String f = "entries[" + i + "]";
                AttendanceEntryBody e = body.entries().get(i);
                if (e == null) {
                    v.add(f, "REQUIRED", f + " is empty");
                    continue;
                }
                ChildRef child = ref(v, f + ".childRef", e.childRef(), ChildRef::new);
                LocalTime in = time(v, f + ".checkIn", e.checkIn());
                LocalTime out = time(v, f + ".checkOut", e.checkOut());
                AbsenceReason absence = enumValue(v, f + ".absence", e.absence(), AbsenceReason.class, false);
                if (child != null) {
                    entries.add(new AttendanceEntry(child, in, out, absence));
                }
            }
        }
        String reason = text(v, "correctionReason", body.correctionReason(), false, MAX_REASON);
        v.throwIfAny();
        return new SubmitAttendance(SubmitAttendance.dayId(institution, day), institution, day, entries, reason);
    }

    static RegisterStaffMember staff(InstitutionId institution, StaffRef staffRef, StaffBody body) {
        Violations v = RequestParsing.violationsFor(body);
        StaffRole role = enumValue(v, "role", body.role(), StaffRole.class, true);
        ClassId classId = body.classId() == null || body.classId().isBlank() ? null
                : ref(v, "classId", body.classId(), ClassId::new);
        String qualification = text(v, "qualification", body.qualification(), true, MAX_TEXT);
        LocalDate qualificationExpires = date(v, "qualificationExpiresOn", body.qualificationExpiresOn(), true, InputRules.CERTIFICATE_EXPIRY);
        LocalDate healthExpires = date(v, "healthCertificateExpiresOn", body.healthCertificateExpiresOn(), true, InputRules.CERTIFICATE_EXPIRY);
        String name = text(v, "name", body.name(), true, MAX_TEXT);
        String phone = text(v, "phone", body.phone(), false, InputRules.MAX_STAFF_PHONE);
        v.throwIfAny();
        return new RegisterStaffMember(institution, staffRef, role, classId, qualification, qualificationExpires,
                healthExpires, new StaffPersonalData(name, phone));
    }

    static RenewStaffCertificates certificates(InstitutionId institution, StaffRef staffRef, CertificatesBody body) {
        Violations v = RequestParsing.violationsFor(body);
        LocalDate qualificationExpires = date(v, "qualificationExpiresOn", body.qualificationExpiresOn(), true, InputRules.CERTIFICATE_EXPIRY);
        LocalDate healthExpires = date(v, "healthCertificateExpiresOn", body.healthCertificateExpiresOn(), true, InputRules.CERTIFICATE_EXPIRY);
        v.throwIfAny();
        return new RenewStaffCertificates(institution, staffRef, qualificationExpires, healthExpires);
    }

    static RecordStaffDeparture departure(InstitutionId institution, StaffRef staffRef, DepartureBody body) {
        Violations v = RequestParsing.violationsFor(body);
        LocalDate leftOn = date(v, "leftOn", body.leftOn(), true, InputRules.NEAR_FUTURE);
        v.throwIfAny();
        return new RecordStaffDeparture(institution, staffRef, leftOn);
    }

    static SignMedicalAgreement medicalAgreement(InstitutionId institution, MedicalAgreementBody body) {
        Violations v = RequestParsing.violationsFor(body);
        String partner = text(v, "partnerName", body.partnerName(), true, MAX_TEXT);
        CreditCode code = body.partnerCreditCode() == null || body.partnerCreditCode().isBlank() ? null
                : v.parse("partnerCreditCode", () -> CreditCode.parse(body.partnerCreditCode()));
        LocalDate signedOn = date(v, "signedOn", body.signedOn(), true, InputRules.PAST_EVENT);
        LocalDate validUntil = date(v, "validUntil", body.validUntil(), false, InputRules.AGREEMENT_END);
        if (signedOn != null && validUntil != null && validUntil.isBefore(signedOn)) {
            v.add("validUntil", "BEFORE_START", "the agreement cannot end before it is signed");
        }
        v.throwIfAny();
        return new SignMedicalAgreement(institution, partner, code, signedOn, validUntil);
    }

    private static LocalTime time(Violations v, String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return LocalTime.parse(raw.strip());
        } catch (DateTimeParseException e) {
            v.add(field, "INVALID_TIME", field + " must be a time HH:MM");
            return null;
        }
    }

    private static <T> T ref(Violations v, String field, String raw, java.util.function.Function<String, T> parser) {
        if (raw == null || raw.isBlank()) {
            v.add(field, "REQUIRED", field + " is required");
            return null;
        }
        try {
            return parser.apply(raw.strip());
        } catch (DomainException | IllegalArgumentException e) {
            v.add(field, "INVALID_IDENTIFIER", field + " is not a valid identifier");
            return null;
        }
    }
}
