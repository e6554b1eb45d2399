package org.careledger.query.inspector;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.careledger.query.institution.CareRecord;
import org.careledger.query.institution.InstitutionView;
import org.careledger.query.institution.CommissionRecord;

/**
 * An institution's state as an inspector sees it at an instant: filing status, classes with places
 * and the children enrolled in each (opaque references), staff, 普惠 status, medical agreement,
 * latest inspection and open rectification orders. Maps are keyed by id so that a diff names what
 * changed, and the subsidy cases with what was computed, approved and paid.
 */
public record InstitutionState(String institutionId, Instant asOf, String reading, String name, String status,
                               String filingNumber, boolean puhui, LocalDate puhuiSince, int totalPlaces, int enrolled,
                               Map<String, ClassState> classes, Map<String, StaffState> staff,
                               CareRecord.MedicalAgreement medicalAgreement, CommissionRecord.LatestInspection latestInspection,
                               Map<String, CommissionRecord.OpenOrder> openRectifications,
                               Map<String, CommissionRecord.Subsidy> subsidies) {

    public record ClassState(String name, String classType, int places, boolean open, List<String> children) {
    }

    public record StaffState(String role, String classId, LocalDate qualificationExpiresOn,
                             LocalDate healthCertificateExpiresOn) {
    }

    static InstitutionState of(InstitutionView v, Instant asOf, InstitutionReplay.Reading reading) {
        Map<String, ClassState> classes = new LinkedHashMap<>();
        v.classes().forEach((id, c) -> {
            List<String> children = new ArrayList<>();
            v.care().enrolments().values().stream().filter(e -> e.classId().equals(id))
                    .map(CareRecord.EnrolledChild::childRef).sorted().forEach(children::add);
            classes.put(id, new ClassState(c.name(), c.classType().name(), c.places(), c.open(), children));
        });
        Map<String, StaffState> staff = new TreeMap<>();
        v.care().staff().forEach((ref, s) -> staff.put(ref, new StaffState(s.role().name(), s.classId(),
                s.qualificationExpiresOn(), s.healthCertificateExpiresOn())));
        return new InstitutionState(v.institutionId(), asOf, reading.name(), v.name(), v.status().name(),
                v.filingNumber(), v.puhui(), v.puhuiSince(), v.totalPlaces(), v.care().enrolled(), classes, staff,
                v.care().medicalAgreement(), v.oversight().latestInspection(), new TreeMap<>(v.oversight().openOrders()),
                new TreeMap<>(v.oversight().subsidies()));
    }
}
