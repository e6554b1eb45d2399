package org.careledger.infra.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The public pages with JavaScript off (chromium blocking every page's scripts, as on a phone
 * where the family turned it off): a family searches with a filter, goes to the next page of
 * results, opens an institution and verifies its certificate, by links and form submissions only.
 * The test first checks that scripts really are off: {@code pages.js} would show the "use my
 * location" button, which stays hidden here.
 */
class PublicPagesWithoutScriptTest extends IntegrationTest {

    /** More than one page of results (10 a page) in one district, and one elsewhere. */
    private static final int IN_DISTRICT = 11;

    private static Chromium chromium;
    private static ChromeDriver browser;

    @Autowired
    WebTestClient client;
    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws IOException {
        chromium = Chromium.start(false);
        browser = chromium.browser;
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private List<String> resultNames() {
        return browser.findElements(By.cssSelector("ol.results h3 a")).stream().map(WebElement::getText).toList();
    }

    private void submit() {
        opens(() -> browser.findElement(By.cssSelector("form.search button[type=submit]")).click());
    }

    @Test
    void searchWithAFilterPaginateOpenAnInstitutionAndVerifyItsCertificate() {
        String run = Long.toString(System.nanoTime() % 100_000);
        String prefix = "无脚本测试园" + run + "号";
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        String inspector = tokens.inspector("3708");
        List<String> inDistrict = new ArrayList<>();
        long last = 0;
        for (int i = 0; i <= IN_DISTRICT; i++) {
            String id = UUID.randomUUID().toString();
            String name = prefix + (char) ('A' + i);
            boolean elsewhere = i == IN_DISTRICT;
            filings.file(tokens.operator(id), Filings.body(Filings.freshCreditCode(), name, elsewhere ? "370811" : "370830",
                    35.7326, 116.4897, List.of(Map.of("name", "乳儿班", "classType", "INFANT", "places", 10))));
            last = Math.max(last, filings.approve(inspector, id).position());
            if (!elsewhere) {
                inDistrict.add(name);
            }
        }
        client.get().uri("/api/v1/public/institutions?q=" + prefix + "&minPosition=" + last).exchange().expectStatus().isOk();

        browser.get(base() + "/");
        assertThat(browser.findElement(By.id("locate")).isDisplayed())
                .as("scripts are off: pages.js would have shown the location button").isFalse();

        // search by name, with a district filter, by submitting the form
        browser.findElement(By.id("q")).sendKeys(prefix);
        new Select(browser.findElement(By.id("division"))).selectByVisibleText("济宁市 汶上县");
        submit();
        assertThat(browser.getCurrentUrl()).contains("division=370830");
        assertThat(browser.findElement(By.id("results-title")).getText()).isEqualTo("共找到 " + IN_DISTRICT + " 家机构");
        List<String> seen = new ArrayList<>(resultNames());
        assertThat(seen).hasSize(10);

        // the next page, by its link
        opens(() -> browser.findElement(By.cssSelector("nav.pages a[aria-label='第 2 页']")).click());
        assertThat(browser.getCurrentUrl()).contains("page=1", "division=370830");
        assertThat(browser.findElement(By.cssSelector("p.count")).getText()).contains("第 2 页");
        seen.addAll(resultNames());
        assertThat(seen).containsExactlyInAnyOrderElementsOf(inDistrict);

        // an institution, by its link, and its certificate, by the link on its page
        String name = resultNames().get(0);
        opens(() -> browser.findElement(By.linkText(name)).click());
        assertThat(browser.getTitle()).startsWith(name);
        String number = browser.findElement(By.cssSelector("#licence-title + dl dd span")).getText();
        opens(() -> browser.findElement(By.linkText("核验此回执")).click());
        assertThat(browser.findElement(By.id("result-title")).getText()).isEqualTo("回执状态：有效");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains(name);

        // and the certificate check's own form
        browser.get(base() + "/certificate");
        browser.findElement(By.id("number")).sendKeys(number);
        opens(() -> browser.findElement(By.cssSelector("form.search button[type=submit]")).click());
        assertThat(browser.getCurrentUrl()).contains("number=" + number);
        assertThat(browser.findElement(By.id("result-title")).getText()).isEqualTo("回执状态：有效");
    }

    @Test
    void theSearchFormIsReadFromTheQueryStringOnlyWithBlanksIgnored() {
        String page = client.get()
                .uri(b -> b.path("/").queryParam("page", "x").queryParam("q", "  ").queryParam("hasVacancy", "on").build())
                .exchange().expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("页码应为数字。")
                .as("a blank name is no name").contains("<input id=\"q\" name=\"q\" type=\"search\" maxlength=\"50\" value=\"\" placeholder")
                .as("the box is ticked only by \"true\"")
                .contains("<input id=\"hasVacancy\" name=\"hasVacancy\" type=\"checkbox\" value=\"true\">");
        String repeated = client.get().uri(b -> b.path("/").queryParam("q", "甲", "乙").build())
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(repeated).as("a repeated field, joined as a single parameter").contains("value=\"甲,乙\"");
        String unfiltered = client.get().uri("/").header("Page", "x").header("Q", "header").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(unfiltered).as("headers are not form fields").doesNotContain("页码应为数字。").doesNotContain("value=\"header\"");
    }

    /** A click or key press that opens another page, and the wait until it has. */
    private void opens(Runnable action) {
        Navigation.andWait(browser, action);
    }
}
