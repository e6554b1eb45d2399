package org.careledger.kernel.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.junit.jupiter.api.Test;

/** Rule F7: local zones are checked against the official division list at start, and a filing's zone against its division. */
class LocalZonesTest {

    static final LocalZone TAIBAIHU = new LocalZone("370811-TBH", "太白湖新区", "3708", List.of("370811"), "s");
    static final LocalZone ZHENGDONG = new LocalZone("4101-ZD", "郑东新区", "4101", List.of("410104", "410105", "410122"), "s");

    @Test
    void aZoneIsFoundByIdAndLiesOnlyInItsDivisions() {
        LocalZones zones = LocalZones.of(List.of(TAIBAIHU, ZHENGDONG));
        assertThat(zones.find("4101-ZD")).contains(ZHENGDONG);
        assertThat(zones.nameOf("370811-TBH")).isEqualTo("太白湖新区");
        assertThat(zones.nameOf("9999-GONE")).isEqualTo("9999-GONE");
        assertThat(zones.nameOf(null)).isNull();
        assertThat(zones.requireIn("4101-ZD", DivisionCode.parse("410105"))).isEqualTo("4101-ZD");
        assertThat(zones.requireIn(null, DivisionCode.parse("410102"))).isNull();
    }

    @Test
    void aZoneNotOfTheDivisionOrNotConfiguredIsInvalidOnTheFieldZone() {
        LocalZones zones = LocalZones.of(List.of(TAIBAIHU, ZHENGDONG));
        for (String[] c : new String[][] {{"4101-ZD", "410102"}, {"370811-TBH", "370830"}, {"3708-XX", "370811"}}) {
            assertThatThrownBy(() -> zones.requireIn(c[0], DivisionCode.parse(c[1])))
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ZONE);
                        assertThat(e.detail()).contains(c[0]);
                        assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("zone");
                            assertThat(v.code()).isEqualTo("INVALID_ZONE");
                        });
                    });
        }
    }

    @Test
    void aZoneWhoseCodesAreNotOnTheOfficialListStopsTheStartNamingTheZone() {
        // 370872 is no division; 410171 is 郑州经济技术开发区 but not in 济宁; 3799 is no city
        assertThatThrownBy(() -> LocalZones.of(List.of(new LocalZone("370811-TBH", "太白湖新区", "3708", List.of("370872"), "s"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("370811-TBH").hasMessageContaining("太白湖新区")
                .hasMessageContaining("'370872'").hasMessageContaining("official division list");
        assertThatThrownBy(() -> LocalZones.of(List.of(new LocalZone("3708-X", "x", "3708", List.of("410171"), "s"))))
                .hasMessageContaining("3708-X").hasMessageContaining("not in its city 3708");
        assertThatThrownBy(() -> LocalZones.of(List.of(new LocalZone("3799-X", "x", "3799", List.of("370811"), "s"))))
                .hasMessageContaining("3799-X").hasMessageContaining("city '3799'");
        assertThatThrownBy(() -> LocalZones.of(List.of(new LocalZone("3708-X", "x", "3708", List.of(), "s"))))
                .hasMessageContaining("3708-X").hasMessageContaining("names no county-level division");
        assertThatThrownBy(() -> LocalZones.of(List.of(new LocalZone("tbh", "x", "3708", List.of("370811"), "s"))))
                .hasMessageContaining("local zone tbh");
        assertThatThrownBy(() -> LocalZones.of(List.of(new LocalZone("370830-X", "x", "3708", List.of("370811"), "s"))))
                .hasMessageContaining("must begin with its city");
        assertThatThrownBy(() -> LocalZones.of(List.of(TAIBAIHU, TAIBAIHU))).hasMessageContaining("configured twice");
        assertThatThrownBy(() -> LocalZones.of(List.of(new LocalZone("3708-X", "x", "3708", List.of("370811"), " "))))
                .hasMessageContaining("has no source");
    }
}
