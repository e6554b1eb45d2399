package org.careledger.query.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.careledger.kernel.enrolment.ChildEnrolled;
import org.careledger.kernel.enrolment.EnrolmentEndReason;
import org.careledger.kernel.enrolment.EnrolmentEnded;
import org.careledger.kernel.enrolment.ServiceContract;
import org.careledger.kernel.filing.ClassOpened;
import org.careledger.kernel.filing.ClassResized;
import org.careledger.kernel.filing.FilingApproved;
import org.careledger.kernel.filing.FilingSubmitted;
import org.careledger.kernel.filing.PuhuiStatusGranted;
import org.careledger.kernel.filing.PuhuiStatusWithdrawn;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.EnrolmentId;
import org.careledger.kernel.id.FilingNumber;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.id.UuidId;
import org.careledger.kernel.inspection.InspectionOutcome;
import org.careledger.kernel.inspection.InspectionRecorded;
import org.careledger.kernel.inspection.InspectionType;
import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.CreditCode;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.GeoPoint;
import org.careledger.kernel.value.InputRules;
import org.careledger.kernel.value.InstitutionType;
import org.careledger.kernel.value.ServiceType;
import org.careledger.query.institution.InstitutionView;
import org.careledger.query.institution.InstitutionViewJson;
import org.careledger.query.inspector.InstitutionReplay.BusinessSnapshot;
import org.careledger.query.inspector.InstitutionReplay.Reading;
import org.careledger.query.inspector.InstitutionReplay.RecordedSnapshot;
import org.careledger.query.inspector.InstitutionReplay.StoredEvent;
import org.junit.jupiter.api.Test;

/**
 * As-of state from a snapshot equals the fold from the first event, in both readings, at every day
 * of a year of history and at every event's own times: with enrolments recorded weeks late and
 * starting in the future, withdrawals and a 普惠 grant backdated, events filling gaps in the global
 * index, and snapshots taken part-way (then invalidated by what was recorded after) or extended
 * from earlier ones. Snapshot views go through their stored JSON form.
 */
class AsOfSnapshotReplayTest {

    static final InstitutionId ID = UuidId.generate(InstitutionId::new);
    static final DivisionCode DIVISION = DivisionCode.parse("370830");
    static final ClassId TODDLERS = UuidId.generate(ClassId::new);
    static final Instant START = LocalDate.of(2026, 1, 5).atTime(9, 0).atZone(InputRules.ZONE).toInstant();

    private final InstitutionViewJson json = new InstitutionViewJson(new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));
    private final List<StoredEvent> history = new ArrayList<>();
    private long nextPosition = 1;

    private void record(Instant recorded, Object event) {
        history.add(new StoredEvent(nextPosition++, recorded, BusinessTime.of(event, recorded), event));
    }

    /** A year: children enrolled (some recorded late, some starting later), ended (some late), inspections, 普惠. */
    private void buildYear() {
        Random random = new Random(7);
        record(START, new FilingSubmitted(ID, CreditCode.parse("91370830MA3N000021"), true, "乙托育中心",
                InstitutionType.CHILDCARE_CENTRE, DIVISION, "地址", new GeoPoint(35.7, 116.5), "0537", true,
                Set.of(ServiceType.FULL_DAY), List.of(), List.of(), START));
        record(START, new ClassOpened(ID, TODDLERS, "托小班", ClassType.YOUNG_TODDLER, 40, START));
        record(START.plus(Duration.ofDays(3)), new FilingApproved(ID, FilingNumber.of(DIVISION, 2026, 9), DIVISION,
                START.plus(Duration.ofDays(3))));
        List<Object[]> open = new ArrayList<>();
        for (int day = 4; day < 365; day += 2) {
            Instant recorded = START.plus(Duration.ofDays(day)).plusSeconds(random.nextInt(20_000));
            LocalDate today = LocalDate.ofInstant(recorded, InputRules.ZONE);
            int choice = random.nextInt(10);
            if (choice < 5 || open.isEmpty()) {
                // starts between three weeks ago (recorded late) and two weeks ahead
                LocalDate startsOn = today.plusDays(random.nextInt(35) - 21);
                EnrolmentId enrolment = UuidId.generate(EnrolmentId::new);
                ChildRef child = UuidId.generate(ChildRef::new);
                record(recorded, new ChildEnrolled(ID, enrolment, child, TODDLERS, ClassType.YOUNG_TODDLER,
                        YearMonth.from(today.minusMonths(15)), new ServiceContract(ServiceType.FULL_DAY, startsOn,
                        startsOn.plusMonths(6), List.of(), "r", "d", 1), recorded));
                open.add(new Object[] {enrolment, child});
            } else if (choice < 8) {
                Object[] e = open.remove(random.nextInt(open.size()));
                // last day between a month ago (recorded late) and next week
                record(recorded, new EnrolmentEnded(ID, (EnrolmentId) e[0], (ChildRef) e[1], TODDLERS,
                        EnrolmentEndReason.WITHDRAWN, today.plusDays(random.nextInt(38) - 31), null, recorded));
            } else if (choice == 8) {
                record(recorded, new InspectionRecorded(ID, "insp-" + day, InspectionType.RANDOM_SPOT_CHECK, Set.of(),
                        today.minusDays(random.nextInt(5)), List.of(), List.of(), InspectionOutcome.PASSED, recorded));
            } else if (day % 4 == 0) {
                record(recorded, new PuhuiStatusGranted(ID, today.minusDays(random.nextInt(60)), "文号" + day, recorded));
            } else if (day % 4 == 2) {
                record(recorded, new PuhuiStatusWithdrawn(ID, today.minusDays(random.nextInt(30)), "原因", recorded));
            } else {
                record(recorded, new ClassResized(ID, TODDLERS, 40 + random.nextInt(10), 40, recorded));
            }
        }
        // gap fills: a few neighbours whose transactions committed in the other order
        for (int i = 20; i + 1 < history.size(); i += 37) {
            StoredEvent a = history.get(i);
            StoredEvent b = history.get(i + 1);
            history.set(i, new StoredEvent(b.position(), a.recordedAt(), a.businessAt(), a.payload()));
            history.set(i + 1, new StoredEvent(a.position(), b.recordedAt(), b.businessAt(), b.payload()));
        }
    }

    /** Snapshots taken when the first {@code known} events were recorded, every {@code every}, in two rounds. */
    private List<RecordedSnapshot> recordedSnapshots(List<StoredEvent> known, int every) {
        List<StoredEvent> byPosition = known.stream().sorted(Comparator.comparingLong(StoredEvent::position)).toList();
        int half = byPosition.size() / 2;
        List<RecordedSnapshot> first = InstitutionReplay.recordedSnapshots(null, byPosition.subList(0, half), every)
                .stream().map(this::throughJson).toList();
        List<RecordedSnapshot> all = new ArrayList<>(first);
        RecordedSnapshot last = first.isEmpty() ? null : first.get(first.size() - 1);
        long from = last == null ? Long.MIN_VALUE : last.position();
        all.addAll(InstitutionReplay.recordedSnapshots(last, byPosition.stream().filter(e -> e.position() > from).toList(),
                every).stream().map(this::throughJson).toList());
        return all;
    }

    private List<BusinessSnapshot> businessSnapshots(List<StoredEvent> known, int every) {
        List<StoredEvent> ordered = known.stream().sorted(InstitutionReplay.BUSINESS_ORDER).toList();
        Instant horizon = known.stream().map(StoredEvent::recordedAt).max(Comparator.naturalOrder()).orElseThrow();
        List<BusinessSnapshot> first = InstitutionReplay.businessSnapshots(null, ordered.subList(0, ordered.size() / 2),
                every, horizon).stream().map(this::throughJson).toList();
        List<BusinessSnapshot> all = new ArrayList<>(first);
        BusinessSnapshot last = first.isEmpty() ? null : first.get(first.size() - 1);
        all.addAll(InstitutionReplay.businessSnapshots(last, ordered.stream()
                .filter(e -> last == null || InstitutionReplay.afterCut(last, e) > 0).toList(), every, horizon)
                .stream().map(this::throughJson).toList());
        return all;
    }

    private RecordedSnapshot throughJson(RecordedSnapshot s) {
        return new RecordedSnapshot(s.position(), s.maxRecordedAt(), json.read(json.write(s.view())));
    }

    private BusinessSnapshot throughJson(BusinessSnapshot s) {
        return new BusinessSnapshot(s.cutBusinessAt(), s.cutPosition(), s.sequence(), s.maxBusinessAt(),
                json.read(json.write(s.view())));
    }

    private List<Instant> instants() {
        List<Instant> instants = new ArrayList<>();
        for (int day = -2; day < 400; day++) {
            instants.add(START.plus(Duration.ofDays(day)).plusSeconds(day * 131L % 86_400));
        }
        for (StoredEvent e : history) {
            for (Instant t : List.of(e.recordedAt(), e.businessAt())) {
                instants.add(t);
                instants.add(t.minusNanos(1_000));
            }
        }
        return instants;
    }

    private void assertSnapshotsAnswerAsTheFullFold(int recordedSoFar, int every) {
        List<StoredEvent> known = history.subList(0, recordedSoFar);
        List<RecordedSnapshot> recorded = new ArrayList<>(recordedSnapshots(known, every));
        List<BusinessSnapshot> business = new ArrayList<>(businessSnapshots(known, every));
        for (StoredEvent later : history.subList(recordedSoFar, history.size())) {
            recorded.removeIf(s -> s.invalidatedBy(later.position()));
            business.removeIf(s -> s.invalidatedBy(later));
        }
        assertThat(recorded).isNotEmpty();
        assertThat(business).isNotEmpty();
        int fromSnapshot = 0;
        for (Instant asOf : instants()) {
            InstitutionView full = InstitutionReplay.asOf(history, asOf, Reading.RECORDED);
            RecordedSnapshot r = recorded.stream().filter(s -> s.usableAt(asOf))
                    .max(Comparator.comparingLong(RecordedSnapshot::position)).orElse(null);
            assertThat(InstitutionReplay.recordedFrom(r, history, asOf)).as("RECORDED as of %s", asOf).isEqualTo(full);

            InstitutionView fullBusiness = InstitutionReplay.asOf(history, asOf, Reading.BUSINESS);
            BusinessSnapshot b = business.stream().filter(s -> s.usableAt(asOf))
                    .max(Comparator.comparing(BusinessSnapshot::cutBusinessAt).thenComparingLong(BusinessSnapshot::cutPosition))
                    .orElse(null);
            assertThat(InstitutionReplay.businessFrom(b, history, asOf)).as("BUSINESS as of %s", asOf).isEqualTo(fullBusiness);
            fromSnapshot += (r == null ? 0 : 1) + (b == null ? 0 : 1);
        }
        assertThat(fromSnapshot).as("answers that started from a snapshot").isGreaterThan(instants().size());
    }

    @Test
    void snapshotsTakenOnTheWholeHistoryAnswerAsTheFoldFromTheFirstEvent() {
        buildYear();
        assertSnapshotsAnswerAsTheFullFold(history.size(), 3);
        assertSnapshotsAnswerAsTheFullFold(history.size(), 16);
    }

    @Test
    void snapshotsTakenPartWayAndInvalidatedByLaterRecordingsStillAnswerAsTheFullFold() {
        buildYear();
        assertSnapshotsAnswerAsTheFullFold(history.size() * 2 / 3, 3);
        assertSnapshotsAnswerAsTheFullFold(history.size() / 2, 5);
    }

    @Test
    void aBackdatedFactInvalidatesTheBusinessSnapshotsCutAfterItsBusinessTimeOnly() {
        buildYear();
        List<BusinessSnapshot> business = businessSnapshots(history, 3);
        BusinessSnapshot middle = business.get(business.size() / 2);
        Instant backdated = middle.cutBusinessAt().minus(Duration.ofDays(1));
        StoredEvent late = new StoredEvent(nextPosition, history.get(history.size() - 1).recordedAt(), backdated,
                new PuhuiStatusWithdrawn(ID, LocalDate.ofInstant(backdated, InputRules.ZONE), "补录", backdated));
        assertThat(middle.invalidatedBy(late)).isTrue();
        assertThat(business.get(0).cutBusinessAt().isBefore(backdated) && business.get(0).invalidatedBy(late)).isFalse();
        assertThat(business.stream().filter(s -> s.invalidatedBy(late)))
                .allMatch(s -> !s.cutBusinessAt().isBefore(backdated));
    }

    @Test
    void aGapFillInvalidatesTheRecordedSnapshotsAboveItsIndexOnly() {
        buildYear();
        List<RecordedSnapshot> recorded = recordedSnapshots(history, 4);
        long position = recorded.get(3).position() - 1;
        assertThat(recorded.get(3).invalidatedBy(position)).isTrue();
        assertThat(recorded.get(2).invalidatedBy(position)).isFalse();
        assertThat(recorded.get(3).invalidatedBy(recorded.get(3).position())).as("its own event again").isFalse();
    }

    @Test
    void theEventsAsOfSkipsLeaveTheStateUnchanged() {
        buildYear();
        InstitutionView view = InstitutionReplay.asOf(history, START.plus(Duration.ofDays(200)), Reading.RECORDED);
        ChildRef child = UuidId.generate(ChildRef::new);
        Instant now = START.plus(Duration.ofDays(201));
        List<Object> skipped = List.of(new org.careledger.kernel.child.ChildRegistered(child, ID, YearMonth.of(2025, 9), now),
                new org.careledger.kernel.child.ChildPersonalDataViewed(child, ID, "inspector-1", "INSPECTOR", "核查", now));
        for (Object event : skipped) {
            assertThat(org.careledger.query.institution.InstitutionViewReducer.apply(view, event, nextPosition))
                    .as(event.getClass().getSimpleName()).isSameAs(view);
        }
        assertThat(AsOfSnapshots.NOT_FOLDED).containsAll(skipped.stream().map(e -> e.getClass().getSimpleName()).toList())
                .contains("AttendanceRecorded", "AttendanceCorrected").hasSize(4);
    }
}
