package org.careledger.infra.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The public white-list search, over institutions filed in 乌鲁木齐 (6501xx) so no other test's data
 * interferes: every filter, name search in Chinese, near-me, paging, statuses and bad input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicWhiteListApiTest extends IntegrationTest {

    @Autowired
    WebTestClient client;

    private long lastPosition;
    private String suspendedName;
    private String filingNumberOfFirst;

    @BeforeAll
    void fileInstitutions() {
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        String inspector = tokens.inspector("65");
        String officer = tokens.officer("65");
        // 天山区 650102, around 43.80,87.62; 沙依巴克区 650103, a few km west
        String a = file(tokens, filings, "天山区阳光托育中心", "650102", 43.8000, 87.6200, "INFANT", 10);
        String b = file(tokens, filings, "天山区彩虹托育园", "650102", 43.8100, 87.6300, "OLDER_TODDLER", 20);
        String c = file(tokens, filings, "沙依巴克区星星托育中心", "650103", 43.7900, 87.5600, "YOUNG_TODDLER", 15);
        String d = file(tokens, filings, "沙依巴克区月亮托育中心", "650103", 43.7950, 87.5700, "INFANT", 8);
        String pending = file(tokens, filings, "天山区待审托育中心", "650102", 43.8010, 87.6210, "INFANT", 10);
        for (String id : List.of(a, b, c, d)) {
            lastPosition = filings.approve(inspector, id).position();
        }
        lastPosition = filings.post(officer, "/api/v1/institutions/" + a + "/puhui",
                Map.of("granted", true, "effectiveFrom", "2026-01-01")).position();
        lastPosition = filings.post(inspector, "/api/v1/institutions/" + c + "/filing/suspend",
                Map.of("reason", "整改")).position();
        lastPosition = filings.post(inspector, "/api/v1/institutions/" + d + "/filing/revoke",
                Map.of("reason", "违规")).position();
        suspendedName = "沙依巴克区星星托育中心";
        assertThat(pending).isNotBlank();
    }

    private String file(Tokens tokens, Filings filings, String name, String division, double lat, double lng,
                        String classType, int places) {
        String id = UUID.randomUUID().toString();
        filings.file(tokens.operator(id), Filings.body(Filings.freshCreditCode(), name, division, lat, lng,
                List.of(Map.of("name", "一班", "classType", classType, "places", places))));
        return id;
    }

    private Map<?, ?> search(String query) {
        return client.get().uri("/api/v1/public/institutions?minPosition=" + lastPosition + "&" + query)
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private List<String> names(Map<?, ?> page) {
        return ((List<?>) page.get("items")).stream().map(i -> (String) ((Map<?, ?>) i).get("name")).toList();
    }

    @Test
    void aDivisionPrefixFindsItsFiledInstitutionsButNeverUnapprovedOnes() {
        assertThat(names(search("division=6501"))).containsExactlyInAnyOrder("天山区阳光托育中心", "天山区彩虹托育园",
                "沙依巴克区星星托育中心", "沙依巴克区月亮托育中心");
        assertThat(names(search("division=650102"))).containsExactlyInAnyOrder("天山区阳光托育中心", "天山区彩虹托育园");
    }

    @Test
    void suspendedAndRevokedInstitutionsStayVisibleWithTheirStatus() {
        Map<?, ?> page = search("division=650103");
        List<String> statuses = ((List<?>) page.get("items")).stream().map(i -> (String) ((Map<?, ?>) i).get("status")).toList();
        assertThat(statuses).containsExactlyInAnyOrder("SUSPENDED", "REVOKED");
        assertThat(names(page)).contains(suspendedName);
    }

    @Test
    void chineseNameSearchMatchesAnyPartOfTheName() {
        assertThat(names(search("division=65&q=托育中心"))).containsExactlyInAnyOrder("天山区阳光托育中心",
                "沙依巴克区星星托育中心", "沙依巴克区月亮托育中心");
        assertThat(names(search("division=65&q=彩虹"))).containsExactly("天山区彩虹托育园");
        assertThat(names(search("division=65&q=阳"))).containsExactly("天山区阳光托育中心");
        assertThat(names(search("division=65&q=不存在的名字"))).isEmpty();
    }

    @Test
    void filtersCombineByTypePuhuiClassAndService() {
        assertThat(names(search("division=65&puhui=true"))).containsExactly("天山区阳光托育中心");
        assertThat(names(search("division=65&classType=OLDER_TODDLER"))).containsExactly("天山区彩虹托育园");
        assertThat(names(search("division=65&type=CHILDCARE_CENTRE&serviceType=HOURLY"))).hasSize(4);
        assertThat(names(search("division=65&serviceType=BOARDING"))).isEmpty();
    }

    @Test
    void nearMeOrdersByDistanceWithinTheRadius() {
        Map<?, ?> page = search("near=43.8000,87.6200&radiusKm=3");
        assertThat(names(page)).containsExactly("天山区阳光托育中心", "天山区彩虹托育园");
        List<?> items = (List<?>) page.get("items");
        assertThat((Double) ((Map<?, ?>) items.get(0)).get("distanceKm")).isLessThan(0.01);
        assertThat((Double) ((Map<?, ?>) items.get(1)).get("distanceKm")).isBetween(1.0, 2.0);
        assertThat(names(search("near=43.8000,87.6200&radiusKm=10"))).hasSize(4);
    }

    @Test
    void pagesCarryTheTotal() {
        Map<?, ?> first = search("division=6501&size=3&page=0");
        Map<?, ?> second = search("division=6501&size=3&page=1");
        assertThat(first.get("total")).isEqualTo(4);
        assertThat((List<?>) first.get("items")).hasSize(3);
        assertThat((List<?>) second.get("items")).hasSize(1);
        filingNumberOfFirst = (String) ((Map<?, ?>) ((List<?>) first.get("items")).get(0)).get("filingNumber");
        client.get().uri("/api/v1/public/institutions/" + filingNumberOfFirst).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.filingNumber").isEqualTo(filingNumberOfFirst);
    }

    @Test
    void badParametersAreProblemsNotErrors() {
        for (String bad : List.of("division=6", "division=65x", "type=CASTLE", "classType=BIG", "size=101", "page=-1",
                "near=91,87", "near=abc", "near=43.8,87.6&radiusKm=500", "radiusKm=3", "puhui=maybe")) {
            client.get().uri("/api/v1/public/institutions?" + bad).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        client.get().uri("/api/v1/public/institutions/TY123").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("INVALID_IDENTIFIER");
        client.get().uri("/api/v1/public/institutions/TY6501022026999999").exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("NOT_FOUND");
    }

    @Test
    void injectionStringsFindNothingAndBreakNothing() {
        for (String q : List.of("'; DROP TABLE x; --", "{\"$gt\": \"\"}", ".*", "$where", "托育\\u0000", "<script>")) {
            Map<?, ?> page = client.get().uri(b -> b.path("/api/v1/public/institutions")
                            .queryParam("division", "65").queryParam("q", "{q}").build(q))
                    .exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody();
            assertThat(page.get("total")).as(q).isEqualTo(0);
        }
    }

    @Test
    void theWhiteListNeedsNoTokenAndShowsNoContactDetails() {
        Map<?, ?> page = search("division=650102");
        assertThat((List<?>) page.get("items")).allSatisfy(i -> {
            assertThat(((Map<?, ?>) i).containsKey("contactPhone")).isFalse();
            assertThat(((Map<?, ?>) i).containsKey("institutionId")).isFalse();
        });
    }
}
