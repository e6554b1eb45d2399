package org.careledger.command.subsidy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.careledger.kernel.attendance.AttendanceEntry;
import org.careledger.kernel.attendance.AttendanceRecorded;
import org.careledger.kernel.enrolment.ChildEnrolled;
import org.careledger.kernel.enrolment.EnrolmentEndReason;
import org.careledger.kernel.enrolment.EnrolmentEnded;
import org.careledger.kernel.enrolment.ServiceContract;
import org.careledger.kernel.filing.ClassOpened;
import org.careledger.kernel.filing.FilingApproved;
import org.careledger.kernel.filing.FilingReinstated;
import org.careledger.kernel.filing.FilingSubmitted;
import org.careledger.kernel.filing.FilingSuspended;
import org.careledger.kernel.filing.PuhuiStatusGranted;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.EnrolmentId;
import org.careledger.kernel.id.FilingNumber;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.id.UuidId;
import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.CreditCode;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.GeoPoint;
import org.careledger.kernel.value.InputRules;
import org.careledger.kernel.value.InstitutionType;
import org.careledger.kernel.value.ServiceType;

/** Builds an institution's events for the subsidy tests, each recorded at a chosen instant. */
final class SubsidyHistory {

    static final InstitutionId ID = new InstitutionId("6f1d3c2a-9a43-4f5e-9a51-3c1f0f6e2b11");
    static final ClassId INFANTS = new ClassId("0b5e4b8e-1d0a-4c55-8a8e-6b4b0d3f9c01");
    static final ClassId TODDLERS = new ClassId("0b5e4b8e-1d0a-4c55-8a8e-6b4b0d3f9c02");

    final List<GenericDomainEventMessage<?>> institution = new ArrayList<>();
    final List<GenericDomainEventMessage<?>> attendance = new ArrayList<>();
    private final String division;

    SubsidyHistory(String division) {
        this.division = division;
    }

    static Instant at(LocalDate day) {
        return day.atTime(LocalTime.NOON).atZone(InputRules.ZONE).toInstant();
    }

    SubsidyHistory add(LocalDate recordedOn, Object event) {
        institution.add(new GenericDomainEventMessage<>("Institution", ID.value(), institution.size(), event, Map.of(),
                UUID.randomUUID().toString(), at(recordedOn)));
        return this;
    }

    /** Filed on {@code filedOn} with 10 infant and 40 toddler places; 普惠 from {@code puhuiFrom} (null: never). */
    SubsidyHistory filed(LocalDate filedOn, LocalDate puhuiFrom) {
        DivisionCode d = DivisionCode.parse(division);
        add(filedOn.minusDays(10), new FilingSubmitted(ID, CreditCode.parse("91370830MA3N000021"), true, "甲托育中心",
                InstitutionType.CHILDCARE_CENTRE, d, "地址", new GeoPoint(35.4, 116.6), "0537", true,
                Set.of(ServiceType.FULL_DAY), List.of(), List.of(), at(filedOn.minusDays(10))));
        add(filedOn.minusDays(10), new ClassOpened(ID, INFANTS, "乳儿班", ClassType.INFANT, 10, at(filedOn.minusDays(10))));
        add(filedOn.minusDays(10), new ClassOpened(ID, TODDLERS, "托小班", ClassType.YOUNG_TODDLER, 40, at(filedOn.minusDays(10))));
        add(filedOn, new FilingApproved(ID, FilingNumber.of(d, filedOn.getYear(), 1), d, at(filedOn)));
        if (puhuiFrom != null) {
            add(filedOn, new PuhuiStatusGranted(ID, puhuiFrom, "普惠认定", at(filedOn)));
        }
        return this;
    }

    /** Enrols a child from {@code start} to {@code end} in a class type; answers the enrolment. */
    EnrolmentId enrol(ChildRef child, ClassType type, LocalDate start, LocalDate end) {
        EnrolmentId id = UuidId.generate(EnrolmentId::new);
        add(start, new ChildEnrolled(ID, id, child, type == ClassType.INFANT ? INFANTS : TODDLERS, type,
                YearMonth.from(start).minusMonths(type == ClassType.INFANT ? 7 : 14),
                new ServiceContract(ServiceType.FULL_DAY, start, end, List.of(), "r", "d", 1), at(start)));
        return id;
    }

    SubsidyHistory withdraw(LocalDate recordedOn, EnrolmentId id, ChildRef child, LocalDate lastDay) {
        return add(recordedOn, new EnrolmentEnded(ID, id, child, TODDLERS, EnrolmentEndReason.WITHDRAWN, lastDay, null,
                at(recordedOn)));
    }

    SubsidyHistory suspended(LocalDate from, LocalDate reinstatedOn) {
        add(from, new FilingSuspended(ID, "整改", at(from)));
        return reinstatedOn == null ? this : add(reinstatedOn, new FilingReinstated(ID, "整改完成", at(reinstatedOn)));
    }

    /** The child present on the day (recorded that evening). */
    SubsidyHistory present(ChildRef child, LocalDate day) {
        attendance.add(new GenericDomainEventMessage<>("AttendanceDay", ID.value() + "/" + day, 0,
                new AttendanceRecorded(ID, day, List.of(new AttendanceEntry(child, LocalTime.of(8, 0), LocalTime.of(17, 0),
                        null)), at(day)), Map.of(), UUID.randomUUID().toString(), at(day)));
        return this;
    }

    SubsidyFacts facts(Instant asOf) {
        return SubsidyFacts.from(institution, attendance, asOf);
    }
}
