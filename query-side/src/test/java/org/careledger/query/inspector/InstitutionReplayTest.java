package org.careledger.query.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.careledger.kernel.enrolment.ChildEnrolled;
import org.careledger.kernel.enrolment.EnrolmentEndReason;
import org.careledger.kernel.enrolment.EnrolmentEnded;
import org.careledger.kernel.enrolment.ServiceContract;
import org.careledger.kernel.filing.ClassOpened;
import org.careledger.kernel.filing.FilingApproved;
import org.careledger.kernel.filing.FilingSubmitted;
import org.careledger.kernel.filing.PuhuiStatusGranted;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.EnrolmentId;
import org.careledger.kernel.id.FilingNumber;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.id.UuidId;
import org.careledger.kernel.inspection.Finding;
import org.careledger.kernel.inspection.FindingCategory;
import org.careledger.kernel.inspection.FindingSeverity;
import org.careledger.kernel.inspection.InspectionOutcome;
import org.careledger.kernel.inspection.InspectionRecorded;
import org.careledger.kernel.inspection.InspectionType;
import org.careledger.kernel.inspection.RectificationOrder;
import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.CreditCode;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.GeoPoint;
import org.careledger.kernel.value.InputRules;
import org.careledger.kernel.value.InstitutionType;
import org.careledger.kernel.value.ServiceType;
import org.careledger.query.inspector.InstitutionReplay.Reading;
import org.careledger.query.inspector.InstitutionReplay.StoredEvent;
import org.junit.jupiter.api.Test;

/**
 * Four months of an institution's history, with a withdrawal and an enrolment recorded late and a
 * 普惠 grant backdated: its state at several instants, as it was known then and as we now know it was.
 */
class InstitutionReplayTest {

    static final InstitutionId ID = UuidId.generate(InstitutionId::new);
    static final DivisionCode DIVISION = DivisionCode.parse("370830");
    static final ClassId INFANTS = UuidId.generate(ClassId::new);
    static final ChildRef A = UuidId.generate(ChildRef::new);
    static final ChildRef B = UuidId.generate(ChildRef::new);
    static final EnrolmentId EA = UuidId.generate(EnrolmentId::new);
    static final EnrolmentId EB = UuidId.generate(EnrolmentId::new);

    private final List<StoredEvent> history = new ArrayList<>();

    private static Instant at(String day) {
        return LocalDate.parse(day).atTime(10, 0).atZone(InputRules.ZONE).toInstant();
    }

    private void record(String recordedOn, Object event) {
        Instant recorded = at(recordedOn);
        history.add(new StoredEvent(history.size() + 1, recorded, BusinessTime.of(event, recorded), event));
    }

    private static ServiceContract contract(String start) {
        return new ServiceContract(ServiceType.FULL_DAY, LocalDate.parse(start), LocalDate.parse(start).plusMonths(12),
                List.of(), "r", "d", 1);
    }

    private void buildHistory() {
        record("2026-01-05", new FilingSubmitted(ID, CreditCode.parse("91370830MA3N000021"), true, "甲托育中心",
                InstitutionType.CHILDCARE_CENTRE, DIVISION, "地址", new GeoPoint(35.7, 116.5), "0537", true,
                Set.of(ServiceType.FULL_DAY), List.of(), List.of(), at("2026-01-05")));
        record("2026-01-05", new ClassOpened(ID, INFANTS, "乳儿班", ClassType.INFANT, 10, at("2026-01-05")));
        record("2026-01-20", new FilingApproved(ID, FilingNumber.of(DIVISION, 2026, 7), DIVISION, at("2026-01-20")));
        record("2026-02-01", new ChildEnrolled(ID, EA, A, INFANTS, ClassType.INFANT, YearMonth.of(2025, 6),
                contract("2026-02-03"), at("2026-02-01")));
        // the withdrawal on 28 February is only recorded on 10 March
        record("2026-03-10", new EnrolmentEnded(ID, EA, A, INFANTS, EnrolmentEndReason.WITHDRAWN, LocalDate.of(2026, 2, 28),
                null, at("2026-03-10")));
        // B started on 1 March; the enrolment is recorded on 15 March
        record("2026-03-15", new ChildEnrolled(ID, EB, B, INFANTS, ClassType.INFANT, YearMonth.of(2025, 7),
                contract("2026-03-01"), at("2026-03-15")));
        record("2026-04-02", new InspectionRecorded(ID, "insp-1", InspectionType.RANDOM_SPOT_CHECK, Set.of(),
                LocalDate.of(2026, 4, 1), List.of(new Finding(FindingCategory.FOOD_SAFETY, FindingSeverity.MAJOR, "留样不足")),
                List.of(new RectificationOrder("R1", 0, "按规定留样", LocalDate.of(2026, 4, 15))),
                InspectionOutcome.RECTIFICATION_REQUIRED, at("2026-04-02")));
        // 普惠 granted on 20 April with effect from 1 March
        record("2026-04-20", new PuhuiStatusGranted(ID, LocalDate.of(2026, 3, 1), "济卫发〔2026〕12号", at("2026-04-20")));
    }

    private InstitutionState state(String instant, Reading reading) {
        Instant asOf = at(instant);
        var view = InstitutionReplay.asOf(history, asOf, reading);
        return view == null ? null : InstitutionState.of(view, asOf, reading);
    }

    private static List<String> children(InstitutionState s) {
        return s.classes().get(INFANTS.value()).children();
    }

    @Test
    void beforeTheFilingTheInstitutionIsUnknownInBothReadings() {
        buildHistory();
        assertThat(state("2026-01-04", Reading.RECORDED)).isNull();
        assertThat(state("2026-01-04", Reading.BUSINESS)).isNull();
        assertThat(state("2026-01-10", Reading.RECORDED).status()).isEqualTo("SUBMITTED");
        assertThat(state("2026-01-10", Reading.BUSINESS).status()).isEqualTo("SUBMITTED");
    }

    @Test
    void inFebruaryBothReadingsAgree() {
        buildHistory();
        for (Reading r : Reading.values()) {
            InstitutionState s = state("2026-02-15", r);
            assertThat(s.status()).as(r.name()).isEqualTo("FILED");
            assertThat(s.filingNumber()).isEqualTo("TY3708302026000007");
            assertThat(children(s)).as(r.name()).containsExactly(A.value());
            assertThat(s.puhui()).isFalse();
        }
    }

    @Test
    void earlyMarchAsKnownThenDiffersFromEarlyMarchAsNowKnown() {
        buildHistory();
        InstitutionState known = state("2026-03-05", Reading.RECORDED);
        assertThat(children(known)).containsExactly(A.value());
        assertThat(known.puhui()).isFalse();
        InstitutionState now = state("2026-03-05", Reading.BUSINESS);
        assertThat(children(now)).containsExactly(B.value());
        assertThat(now.puhui()).isTrue();
        assertThat(now.puhuiSince()).isEqualTo(LocalDate.of(2026, 3, 1));
    }

    @Test
    void inAprilTheOrderIsOpenAndThe普惠GrantIsKnownOnlyAfterTheTwentieth() {
        buildHistory();
        InstitutionState known = state("2026-04-10", Reading.RECORDED);
        assertThat(children(known)).containsExactly(B.value());
        assertThat(known.openRectifications()).containsOnlyKeys("insp-1/R1");
        assertThat(known.latestInspection().outcome()).isEqualTo(InspectionOutcome.RECTIFICATION_REQUIRED);
        assertThat(known.puhui()).isFalse();
        assertThat(state("2026-04-10", Reading.BUSINESS).puhui()).isTrue();
        assertThat(state("2026-04-30", Reading.RECORDED).puhui()).isTrue();
    }

    @Test
    void theDiffNamesWhatChangedBetweenTwoInstants() {
        buildHistory();
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        var changes = JsonDiff.between(json.valueToTree(state("2026-02-15", Reading.RECORDED)),
                json.valueToTree(state("2026-04-30", Reading.RECORDED)), List.of("/asOf"));
        assertThat(changes).extracting(JsonDiff.Change::path).containsExactlyInAnyOrder(
                "/classes/" + INFANTS.value() + "/children", "/latestInspection", "/openRectifications/insp-1~1R1",
                "/puhui", "/puhuiSince");
    }

    @Test
    void theReplayUsesTheLiveReducerSoTheCurrentStateMatchesTheLiveView() {
        buildHistory();
        var live = history.stream().reduce((org.careledger.query.institution.InstitutionView) null,
                (v, e) -> org.careledger.query.institution.InstitutionViewReducer.apply(v, e.payload(), e.position()),
                (a, b) -> b);
        var replayed = InstitutionReplay.asOf(history, at("2027-01-01"), Reading.RECORDED);
        assertThat(replayed).isEqualTo(live);
    }
}
