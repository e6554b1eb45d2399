package org.careledger.kernel.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.careledger.kernel.child.CitizenId;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.junit.jupiter.api.Test;

class CitizenIdTest {

    private static String withCheck(String first17) {
        return first17 + CitizenId.checkCharacterFor(first17);
    }

    @Test
    void theCheckDigitFollowsGb11643() {
        // the standard's own example: 11010519491231002X
        assertThat(CitizenId.checkCharacterFor("11010519491231002")).isEqualTo('X');
        assertThat(CitizenId.parse("11010519491231002X").birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
    }

    @Test
    void aWrongCheckDigitIsRefused() {
        assertThatThrownBy(() -> CitizenId.parse("110105194912310021"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CITIZEN_ID));
    }

    @Test
    void anImpossibleBirthDateIsRefused() {
        assertThatThrownBy(() -> CitizenId.parse(withCheck("37083020250230001")))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CITIZEN_ID));
    }

    @Test
    void theBirthDateInsideMustAgreeWithTheStatedOne() {
        CitizenId child = CitizenId.parse(withCheck("37083020250315001"));
        assertThat(child.requireBirthDate(LocalDate.of(2025, 3, 15))).isEqualTo(child);
        assertThatThrownBy(() -> child.requireBirthDate(LocalDate.of(2025, 3, 16)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BIRTH_DATE_MISMATCH));
    }

    @Test
    void itNeverPrintsItself() {
        assertThat(CitizenId.parse("11010519491231002X").toString()).doesNotContain("1101");
    }

    @Test
    void lowerCaseXAndSpacesAreAccepted() {
        assertThat(CitizenId.parse(" 11010519491231002x ").value()).isEqualTo("11010519491231002X");
    }
}
