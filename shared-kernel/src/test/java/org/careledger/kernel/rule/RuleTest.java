package org.careledger.kernel.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.FieldViolation;
import org.careledger.kernel.standard.ClassStandard;
import org.careledger.kernel.value.ClassType;
import org.junit.jupiter.api.Test;

class RuleTest {

    private static final String SOURCE = "a test source";

    private final Rule<Integer> atMostTen = n -> n <= 10 ? Rule.holds()
            : Rule.refuse(ErrorCode.CLASS_CAPACITY_EXCEEDS_STANDARD, SOURCE, n + " is more than 10",
                    List.of(new FieldViolation("places", "TOO_MANY", "at most 10")));

    @Test
    void aRuleThatHoldsAnswersNothingAndEnforcingItThrowsNothing() {
        assertThat(atMostTen.check(10)).isEmpty();
        assertThatCode(() -> atMostTen.enforce(10)).doesNotThrowAnyException();
    }

    @Test
    void aRefusalCarriesItsCodeMessageSourceAndFieldsAndIsThrownAsTheDomainException() {
        Rejection rejection = atMostTen.check(11).orElseThrow();
        assertThat(rejection.code()).isEqualTo(ErrorCode.CLASS_CAPACITY_EXCEEDS_STANDARD);
        assertThat(rejection.source()).isEqualTo(SOURCE);
        DomainException thrown = catchThrowableOfType(() -> atMostTen.enforce(11), DomainException.class);
        assertThat(thrown).isNotNull();
        assertThat(thrown.code()).isEqualTo(ErrorCode.CLASS_CAPACITY_EXCEEDS_STANDARD);
        assertThat(thrown.detail()).isEqualTo("11 is more than 10");
        assertThat(thrown.violations()).extracting(FieldViolation::code).containsExactly("TOO_MANY");
    }

    @Test
    void theNationalStandardGivesEachClassTypeItsPlacesBandAndRatio() {
        assertThat(ClassStandard.of(ClassType.INFANT)).isEqualTo(new ClassStandard(ClassType.INFANT, 10, 6, 12, 3));
        assertThat(ClassStandard.of(ClassType.YOUNG_TODDLER)).isEqualTo(new ClassStandard(ClassType.YOUNG_TODDLER, 15, 12, 24, 5));
        assertThat(ClassStandard.of(ClassType.OLDER_TODDLER)).isEqualTo(new ClassStandard(ClassType.OLDER_TODDLER, 20, 24, 36, 7));
        assertThat(ClassStandard.of(ClassType.MIXED)).isEqualTo(new ClassStandard(ClassType.MIXED, 18, 18, 36, 0));
    }
}
