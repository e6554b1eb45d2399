package org.careledger.kernel.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.junit.jupiter.api.Test;

class DivisionCodeTest {

    @Test
    void levelsFollowTheTrailingZeros() {
        assertThat(DivisionCode.parse("370000").level()).isEqualTo(DivisionCode.Level.PROVINCE);
        assertThat(DivisionCode.parse("370800").level()).isEqualTo(DivisionCode.Level.CITY);
        assertThat(DivisionCode.parse("370830").level()).isEqualTo(DivisionCode.Level.COUNTY);
        assertThat(DivisionCode.parse("370830").prefix()).isEqualTo("370830");
        assertThat(DivisionCode.parse("370800").prefix()).isEqualTo("3708");
    }

    @Test
    void aCountyLiesWithinItsCityAndProvince() {
        DivisionCode wenshang = DivisionCode.parse("370830");
        assertThat(wenshang.isWithin(DivisionCode.parse("370800"))).isTrue();
        assertThat(wenshang.isWithin(DivisionCode.parse("370000"))).isTrue();
        assertThat(wenshang.isWithin(DivisionCode.parse("330100"))).isFalse();
    }

    @Test
    void codesThatAreNotSixDigitsAreRefused() {
        for (String bad : new String[] {"37083", "3708300", "37O830", "", "370830 OR 1=1"}) {
            assertThatThrownBy(() -> DivisionCode.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(DomainException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DIVISION_CODE));
        }
    }

    @Test
    void unknownProvincesAndCountiesWithoutACityAreRefused() {
        assertThatThrownBy(() -> DivisionCode.parse("990100")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> DivisionCode.parse("370012")).isInstanceOf(DomainException.class);
    }

    @Test
    void aJurisdictionCoversTheDivisionsUnderItsPrefix() {
        Jurisdiction jining = Jurisdiction.of("3708");
        assertThat(jining.covers(DivisionCode.parse("370830"))).isTrue();
        assertThat(jining.covers(DivisionCode.parse("330108"))).isFalse();
        assertThat(Jurisdiction.of("37").contains(jining)).isTrue();
        assertThatThrownBy(() -> Jurisdiction.of("370")).isInstanceOf(DomainException.class);
    }

    @Test
    void aFilingDivisionMustBeACountyLevelCodeOnTheOfficialList() {
        assertThat(DivisionCode.official("370811").value()).isEqualTo("370811");      // 任城区
        assertThat(DivisionCode.official("410171").value()).isEqualTo("410171");      // 郑州经济技术开发区
        for (String code : new String[] {"370872", "410199", "370800", "370000"}) {
            assertThatThrownBy(() -> DivisionCode.official(code))
                    .isInstanceOfSatisfying(DomainException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DIVISION_CODE));
        }
    }

    @Test
    void aRequestedJurisdictionMustNameADivisionOnTheOfficialList() {
        assertThat(Jurisdiction.requested("37").prefix()).isEqualTo("37");
        assertThat(Jurisdiction.requested("3708").prefix()).isEqualTo("3708");
        assertThat(Jurisdiction.requested("370811").prefix()).isEqualTo("370811");
        for (String prefix : new String[] {"370872", "3799", "99", "71"}) {
            assertThatThrownBy(() -> Jurisdiction.requested(prefix))
                    .isInstanceOfSatisfying(DomainException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DIVISION_CODE));
        }
        // a token already issued keeps its claim as a plain prefix
        assertThat(Jurisdiction.of("370872").prefix()).isEqualTo("370872");
    }
}
