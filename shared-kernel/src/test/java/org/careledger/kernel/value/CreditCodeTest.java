package org.careledger.kernel.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.junit.jupiter.api.Test;

class CreditCodeTest {

    @Test
    void aCodeWithTheGb32100CheckCharacterPassesTheChecksum() {
        assertThat(CreditCode.parse("91350100M000100Y43").checksumValid()).isTrue();
        assertThat(CreditCode.parse("121000004000003980").checksumValid()).isTrue();
    }

    @Test
    void theCheckCharacterIsComputedWithTheStandardWeights() {
        // weights 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28; check = 31 - sum mod 31
        assertThat(CreditCode.checkCharacterFor("91350100M000100Y4")).isEqualTo('3');
        // sum ≡ 0 (mod 31) gives 31, which the standard maps to '0'
        assertThat(CreditCode.checkCharacterFor("00000000000000000")).isEqualTo('0');
    }

    @Test
    void aWellFormedCodeWithAWrongCheckCharacterIsAcceptedButFlagged() {
        CreditCode pilot = CreditCode.parse("91350100M000100Y44");
        assertThat(pilot.checksumValid()).isFalse();
        assertThat(pilot.value()).isEqualTo("91350100M000100Y44");
    }

    @Test
    void lowerCaseAndSurroundingSpaceAreNormalised() {
        assertThat(CreditCode.parse(" 91350100m000100y43 ").value()).isEqualTo("91350100M000100Y43");
    }

    @Test
    void aCodeOfTheWrongLengthIsRefused() {
        assertThatThrownBy(() -> CreditCode.parse("91350100M000100Y4"))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDIT_CODE));
    }

    @Test
    void lettersOutsideTheStandardCharsetAreRefused() {
        for (String bad : new String[] {"91350100I000100Y43", "91350100O000100Y43", "91350100S000100Y43",
                "91350100V000100Y43", "91350100Z000100Y43", "9135010-M000100Y43"}) {
            assertThatThrownBy(() -> CreditCode.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(DomainException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDIT_CODE));
        }
    }
}
