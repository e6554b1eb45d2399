package org.careledger.infra.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.GeoPoint;
import org.careledger.kernel.value.InstitutionType;
import org.careledger.kernel.value.ServiceType;
import org.junit.jupiter.api.Test;

/**
 * The demo institutions are read from {@code demo/institutions.yml}: the facts the loader and
 * docs/domain.md rely on, and a loud failure naming the file when it is malformed.
 */
class DemoInstitutionsTest {

    private final List<DemoInstitution> institutions = DemoDataLoader.institutions();

    @Test
    void eightInstitutionsInFilingOrder() {
        assertThat(institutions).extracting(DemoInstitution::name).containsExactly(
                "济宁市机关托育中心", "南风花园托育中心", "汶上县第二人民医院托育中心", "汶上县妇幼保健托育园",
                "汶上经济开发区托育中心", "海康威视幼儿园", "武林门儿童之家", "襄七房社区托育机构");
    }

    @Test
    void oneIsFiledButNotApprovedAndFiveArePuhui() {
        assertThat(institutions).filteredOn(d -> !d.approve()).extracting(DemoInstitution::name)
                .containsExactly("汶上经济开发区托育中心");
        assertThat(institutions).filteredOn(DemoInstitution::puhui).extracting(DemoInstitution::name)
                .containsExactly("济宁市机关托育中心", "南风花园托育中心", "汶上县第二人民医院托育中心",
                        "汶上县妇幼保健托育园", "襄七房社区托育机构");
    }

    @Test
    void theTwoOfTaibaihuAreInTheirZone() {
        assertThat(institutions).filteredOn(d -> DemoDataLoader.zoneOf(d) != null).extracting(DemoInstitution::name)
                .containsExactly("济宁市机关托育中心", "南风花园托育中心");
        assertThat(institutions).extracting(DemoDataLoader::zoneOf).containsOnly(DemoDataLoader.TAIBAIHU_ZONE, null);
    }

    @Test
    void theFirstInstitutionAsFiled() {
        DemoInstitution first = institutions.get(0);
        assertThat(first).isEqualTo(new DemoInstitution("济宁市机关托育中心", "370811", "52370811MJD00001",
                InstitutionType.CHILDCARE_CENTRE, "山东省济宁市太白湖新区", new GeoPoint(35.3712, 116.6021),
                Set.of(ServiceType.FULL_DAY, ServiceType.HOURLY), List.of(
                        plan("乳儿一班", ClassType.INFANT, 10), plan("乳儿二班", ClassType.INFANT, 10),
                        plan("托小一班", ClassType.YOUNG_TODDLER, 15), plan("托小二班", ClassType.YOUNG_TODDLER, 15),
                        plan("托小三班", ClassType.YOUNG_TODDLER, 15), plan("托小四班", ClassType.YOUNG_TODDLER, 15),
                        plan("托大一班", ClassType.OLDER_TODDLER, 20), plan("托大二班", ClassType.OLDER_TODDLER, 20),
                        plan("托大三班", ClassType.OLDER_TODDLER, 20), plan("混合班", ClassType.MIXED, 10)),
                220_000, true, true));
    }

    @Test
    void theListCannotBeChanged() {
        assertThatThrownBy(() -> institutions.add(institutions.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aMalformedOrMissingFileFailsNamingIt() {
        assertThatThrownBy(() -> DemoDataLoader.institutions("demo/institution-without-puhui.yml"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("classpath:demo/institution-without-puhui.yml is malformed")
                .hasMessageContaining("puhui");
        assertThatThrownBy(() -> DemoDataLoader.institutions("demo/institution-of-unknown-type.yml"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("classpath:demo/institution-of-unknown-type.yml is malformed")
                .hasMessageContaining("DAY_CARE");
        assertThatThrownBy(() -> DemoDataLoader.institutions("demo/no-such-file.yml"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Demo institutions: classpath:demo/no-such-file.yml is missing");
    }

    private static DemoInstitution.ClassPlan plan(String name, ClassType type, int places) {
        return new DemoInstitution.ClassPlan(name, type, places);
    }
}
