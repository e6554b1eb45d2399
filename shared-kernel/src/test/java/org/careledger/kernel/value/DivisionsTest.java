package org.careledger.kernel.value;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DivisionsTest {

    private final Divisions divisions = Divisions.official();

    @Test
    void namesProvincesCitiesAndCountiesByTheirSixDigitCode() {
        assertThat(divisions.name("370000")).contains("山东省");
        assertThat(divisions.name("370800")).contains("济宁市");
        assertThat(divisions.name("370830")).contains("汶上县");
        assertThat(divisions.name("410171")).contains("郑州经济技术开发区");
    }

    @Test
    void functionalZonesWithoutACodeOfTheirOwnAreNotListed() {
        assertThat(divisions.contains("370872")).isFalse();
        assertThat(divisions.contains("999999")).isFalse();
        assertThat(divisions.all()).hasSizeGreaterThan(3000);
    }
}
