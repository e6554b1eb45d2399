package org.careledger.query.institution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.careledger.kernel.filing.ClassClosed;
import org.careledger.kernel.filing.ClassOpened;
import org.careledger.kernel.filing.ClassResized;
import org.careledger.kernel.filing.FilingAmended;
import org.careledger.kernel.filing.FilingApproved;
import org.careledger.kernel.filing.FilingRejected;
import org.careledger.kernel.filing.FilingRevoked;
import org.careledger.kernel.filing.FilingSubmitted;
import org.careledger.kernel.filing.FilingSuspended;
import org.careledger.kernel.filing.PuhuiStatusGranted;
import org.careledger.kernel.filing.PuhuiStatusWithdrawn;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.FilingNumber;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.id.UuidId;
import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.CreditCode;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.FilingStatus;
import org.careledger.kernel.value.GeoPoint;
import org.careledger.kernel.value.InstitutionType;
import org.careledger.kernel.value.ServiceType;
import org.junit.jupiter.api.Test;

class InstitutionViewReducerTest {

    private static final InstitutionId ID = UuidId.generate(InstitutionId::new);
    private static final DivisionCode DIVISION = DivisionCode.parse("370830");
    private static final ClassId INFANTS = UuidId.generate(ClassId::new);
    private static final Instant T = Instant.parse("2026-01-05T01:00:00Z");

    private static FilingSubmitted submitted() {
        return new FilingSubmitted(ID, CreditCode.parse("91370830MA3N000021"), true, "甲托育中心",
                InstitutionType.CHILDCARE_CENTRE, DIVISION, "地址", new GeoPoint(35.7, 116.5), "0537", true,
                Set.of(ServiceType.FULL_DAY), List.of(), List.of(), T);
    }

    private static InstitutionView fold(Object... events) {
        InstitutionView v = null;
        long position = 1;
        for (Object e : events) {
            v = InstitutionViewReducer.apply(v, e, position++);
        }
        return v;
    }

    @Test
    void aSubmittedFilingWithClassesIsKnownButNotFiled() {
        InstitutionView v = fold(submitted(), new ClassOpened(ID, INFANTS, "乳儿班", ClassType.INFANT, 10, T));
        assertThat(v.status()).isEqualTo(FilingStatus.SUBMITTED);
        assertThat(v.everFiled()).isFalse();
        assertThat(v.places(ClassType.INFANT)).isEqualTo(10);
        assertThat(v.lastPosition()).isEqualTo(2);
    }

    @Test
    void classesFollowResizeAndClose() {
        InstitutionView v = fold(submitted(), new ClassOpened(ID, INFANTS, "乳儿班", ClassType.INFANT, 10, T),
                new ClassResized(ID, INFANTS, 8, 10, T));
        assertThat(v.totalPlaces()).isEqualTo(8);
        v = InstitutionViewReducer.apply(v, new ClassClosed(ID, INFANTS, null, T), 10);
        assertThat(v.totalPlaces()).isZero();
        assertThat(v.openClasses()).isZero();
    }

    @Test
    void approvalFilesItAndLaterStatusesFollow() {
        InstitutionView v = fold(submitted(), new FilingApproved(ID, FilingNumber.of(DIVISION, 2026, 7), DIVISION, T),
                new FilingSuspended(ID, "x", T));
        assertThat(v.filingNumber()).isEqualTo("TY3708302026000007");
        assertThat(v.status()).isEqualTo(FilingStatus.SUSPENDED);
        assertThat(InstitutionViewReducer.apply(v, new FilingRevoked(ID, "y", T), 9).status()).isEqualTo(FilingStatus.REVOKED);
    }

    @Test
    void anAmendmentAfterRejectionResubmits() {
        InstitutionView v = fold(submitted(), new FilingRejected(ID, List.of("x"), T),
                new FilingAmended(ID, "乙托育中心", "新地址", new GeoPoint(35.8, 116.6), null, false, Set.of(ServiceType.HOURLY),
                        List.of(), List.of(), "更名", true, T));
        assertThat(v.status()).isEqualTo(FilingStatus.SUBMITTED);
        assertThat(v.name()).isEqualTo("乙托育中心");
        assertThat(v.serviceTypes()).containsExactly(ServiceType.HOURLY);
    }

    @Test
    void puhuiIsGrantedAndWithdrawn() {
        InstitutionView v = fold(submitted(), new PuhuiStatusGranted(ID, LocalDate.of(2026, 2, 1), null, T));
        assertThat(v.puhui()).isTrue();
        assertThat(v.puhuiSince()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(InstitutionViewReducer.apply(v, new PuhuiStatusWithdrawn(ID, LocalDate.of(2026, 6, 1), "x", T), 5).puhui()).isFalse();
    }

    @Test
    void anEventAtOrBeforeTheLastPositionChangesNothing() {
        InstitutionView v = fold(submitted(), new FilingApproved(ID, FilingNumber.of(DIVISION, 2026, 1), DIVISION, T));
        assertThat(InstitutionViewReducer.apply(v, new FilingSuspended(ID, "late redelivery", T), 2)).isSameAs(v);
        assertThat(InstitutionViewReducer.apply(v, submitted(), 1)).isSameAs(v);
    }

    @Test
    void eventsOfAnUnknownInstitutionAreIgnored() {
        assertThat(InstitutionViewReducer.apply(null, new FilingSuspended(ID, "x", T), 1)).isNull();
    }

    @Test
    void classesKeepTheOrderTheyWereOpenedInWhateverTheBatching() {
        ClassId second = UuidId.generate(ClassId::new);
        InstitutionView inOneGo = fold(submitted(), new ClassOpened(ID, INFANTS, "乳儿班", ClassType.INFANT, 10, T),
                new ClassOpened(ID, second, "托小班", ClassType.YOUNG_TODDLER, 15, T));
        // the same events folded one at a time through a copy, as separate batches would
        InstitutionView stepwise = fold(submitted());
        stepwise = InstitutionViewReducer.apply(new InstitutionView(stepwise.institutionId(), stepwise.creditCode(),
                stepwise.creditCodeChecksumValid(), stepwise.name(), stepwise.type(), stepwise.division(), stepwise.address(),
                stepwise.location(), stepwise.status(), stepwise.filingNumber(), stepwise.puhui(), stepwise.puhuiSince(),
                stepwise.serviceTypes(), stepwise.fees(), stepwise.classes(), stepwise.submittedAt(), stepwise.filedAt(),
                stepwise.statusChangedAt(), stepwise.lastChangedAt(), stepwise.lastPosition(), stepwise.certificateNumber(), stepwise.care(), stepwise.oversight()),
                new ClassOpened(ID, INFANTS, "乳儿班", ClassType.INFANT, 10, T), 2);
        stepwise = InstitutionViewReducer.apply(stepwise, new ClassOpened(ID, second, "托小班", ClassType.YOUNG_TODDLER, 15, T), 3);
        assertThat(List.copyOf(stepwise.classes().keySet())).containsExactly(INFANTS.value(), second.value());
        assertThat(List.copyOf(inOneGo.classes().keySet())).containsExactly(INFANTS.value(), second.value());
        assertThat(stepwise).isEqualTo(inOneGo);
    }
}
