package org.careledger.query.whitelist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.careledger.kernel.filing.FilingApproved;
import org.careledger.kernel.filing.FilingSubmitted;
import org.careledger.kernel.filing.FilingSuspended;
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
import org.careledger.kernel.inspection.RectificationVerified;
import org.careledger.kernel.value.CreditCode;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.GeoPoint;
import org.careledger.kernel.value.InstitutionType;
import org.careledger.kernel.value.ServiceType;
import org.careledger.query.institution.InstitutionView;
import org.careledger.query.institution.InstitutionViewReducer;
import org.careledger.query.whitelist.PublicEntry.PublicRectification;
import org.junit.jupiter.api.Test;

/**
 * The public entry's open rectification orders and status date (what the institution page shows):
 * taken from the folded view, earliest deadline first, closed orders gone, the inspector's wording
 * never published, and the same bytes however the events were batched.
 */
class PublicEntryOversightTest {

    private static final InstitutionId ID = UuidId.generate(InstitutionId::new);
    private static final DivisionCode DIVISION = DivisionCode.parse("370830");
    private static final Instant T = Instant.parse("2026-03-01T01:00:00Z");
    private static final Instant SUSPENDED_AT = Instant.parse("2026-03-05T02:00:00Z");
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static List<Object> history() {
        return List.of(
                new FilingSubmitted(ID, CreditCode.parse("91370830MA3N000021"), true, "甲托育中心",
                        InstitutionType.CHILDCARE_CENTRE, DIVISION, "地址", new GeoPoint(35.7, 116.5), "0537", true,
                        Set.of(ServiceType.FULL_DAY), List.of(), List.of(), T),
                new FilingApproved(ID, FilingNumber.of(DIVISION, 2026, 7), DIVISION, T),
                new InspectionRecorded(ID, "i-1", InspectionType.RANDOM_SPOT_CHECK, Set.of(), LocalDate.of(2026, 3, 2),
                        List.of(new Finding(FindingCategory.PREMISES, FindingSeverity.MAJOR, "围栏破损"),
                                new Finding(FindingCategory.FIRE_SAFETY, FindingSeverity.SERIOUS, "灭火器过期"),
                                new Finding(FindingCategory.RECORDS, FindingSeverity.MINOR, "晨检记录缺一天")),
                        List.of(new RectificationOrder("R1", 0, "修复围栏", LocalDate.of(2026, 4, 1)),
                                new RectificationOrder("R2", 1, "更换灭火器", LocalDate.of(2026, 3, 9)),
                                new RectificationOrder("R3", 2, "补齐晨检记录", LocalDate.of(2026, 3, 20))),
                        InspectionOutcome.RECTIFICATION_REQUIRED, T),
                new RectificationVerified(ID, "i-1", "R3", true, LocalDate.of(2026, 3, 4), null, null, T),
                new FilingSuspended(ID, "消防整改", SUSPENDED_AT));
    }

    private static InstitutionView fold(List<Object> events, InstitutionView start, long firstPosition) {
        InstitutionView v = start;
        long position = firstPosition;
        for (Object e : events) {
            v = InstitutionViewReducer.apply(v, e, position++);
        }
        return v;
    }

    @Test
    void openOrdersEarliestDeadlineFirstWithoutTheInspectorsWordingAndTheStatusDate() throws Exception {
        PublicEntry entry = PublicEntry.of(fold(history(), null, 1));
        assertThat(entry.openRectifications()).containsExactly(
                new PublicRectification(FindingCategory.FIRE_SAFETY, FindingSeverity.SERIOUS, LocalDate.of(2026, 3, 9)),
                new PublicRectification(FindingCategory.PREMISES, FindingSeverity.MAJOR, LocalDate.of(2026, 4, 1)));
        assertThat(entry.status()).isEqualTo("SUSPENDED");
        assertThat(entry.statusChangedAt()).isEqualTo(SUSPENDED_AT);
        String written = json.writeValueAsString(entry);
        assertThat(written).contains("\"openRectifications\"", "\"statusChangedAt\"")
                .doesNotContain("修复围栏", "更换灭火器", "围栏破损", "灭火器过期");
    }

    @Test
    void aRebuildInOtherBatchesWritesTheSameEntry() throws Exception {
        List<Object> events = history();
        InstitutionView once = fold(events, null, 1);
        // the same events folded in two batches, the first view read back from its stored JSON
        InstitutionView firstPart = fold(events.subList(0, 3), null, 1);
        InstitutionView stored = json.readValue(json.writeValueAsString(firstPart), InstitutionView.class);
        InstitutionView twice = fold(events.subList(3, events.size()), stored, 4);
        assertThat(json.writeValueAsString(PublicEntry.of(twice)))
                .isEqualTo(json.writeValueAsString(PublicEntry.of(once)));
    }
}
