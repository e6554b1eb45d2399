package org.careledger.infra.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.careledger.kernel.child.CitizenId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The public pages in a real browser: Debian's chromium driven through its chromedriver
 * ({@link Chromium}). A family searches by name, filters by district (picked by name), class type and vacancies,
 * finds institutions near a place (typed, and from the browser's location), opens an
 * institution, verifies its certificate, and sees the banner of a suspended one; class types carry
 * the words families know (混龄班 for a mixed-age class); every control
 * has a label and is reached with the keyboard; and no page shows anything of the child
 * registered at the institution. Screenshots at a phone's width go to
 * {@code target/screenshots/}, and to {@code docs/images/} with
 * {@code -Dcareledger.screenshots.update=true}.
 */
class PublicPagesBrowserTest extends IntegrationTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final int MOBILE_WIDTH = Chromium.MOBILE_WIDTH;

    private static Chromium chromium;
    private static ChromeDriver browser;
    private static String open;
    private static String suspended;
    private static List<String> personalData;
    private static boolean ready;
    private static final List<String> visited = new ArrayList<>();

    @Autowired
    WebTestClient client;
    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws IOException {
        chromium = Chromium.start(true);
        browser = chromium.browser;
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** Two institutions of this run (names unique to it), one suspended; a child registered at the first. */
    @BeforeEach
    void institutions() {
        if (ready) {
            return;
        }
        String run = Long.toString(System.nanoTime() % 100_000);
        Tokens tokens = new Tokens(client);
        Filings filings = new Filings(client);
        String inspector = tokens.inspector("3708");

        String a = UUID.randomUUID().toString();
        String opA = tokens.operator(a);
        open = "页面测试托育园" + run;
        filings.file(opA, Filings.body(Filings.freshCreditCode(), open, "370830", 35.7326, 116.4897,
                List.of(Map.of("name", "小星星乳儿班", "classType", "INFANT", "places", 8),
                        Map.of("name", "小太阳托小班", "classType", "YOUNG_TODDLER", "places", 15))));
        filings.approve(inspector, a);
        filings.post(tokens.officer("3708"), "/api/v1/institutions/" + a + "/puhui",
                Map.of("granted", true, "effectiveFrom", "2026-01-01"));
        filings.post(inspector, "/api/v1/inspections", Map.of("institutionId", a, "type", "RANDOM_SPOT_CHECK",
                "inspectedOn", TODAY.toString(),
                "findings", List.of(Map.of("category", "FIRE_SAFETY", "severity", "SERIOUS", "description", "灭火器过期")),
                "orders", List.of(Map.of("findingIndex", 0, "requirement", "更换灭火器",
                        "deadline", TODAY.plusDays(7).toString()))));
        String first17 = "370830" + TODAY.minusMonths(14).withDayOfMonth(11).toString().replace("-", "") + "456";
        String citizenId = first17 + CitizenId.checkCharacterFor(first17);
        personalData = List.of("页小面", "页大面", citizenId, "139-0537-4321");
        long lastA = filings.post(opA, "/api/v1/institutions/" + a + "/children", Map.of("name", "页小面",
                "citizenId", citizenId, "birthDate", TODAY.minusMonths(14).withDayOfMonth(11).toString(),
                "guardianName", "页大面", "guardianPhone", "139-0537-4321")).position();

        String b = UUID.randomUUID().toString();
        suspended = "页面测试暂停园" + run;
        filings.file(tokens.operator(b), Filings.body(Filings.freshCreditCode(), suspended, "370811", 35.41, 116.59,
                List.of(Map.of("name", "托大班", "classType", "OLDER_TODDLER", "places", 20),
                        Map.of("name", "彩虹班", "classType", "MIXED", "places", 10))));
        filings.approve(inspector, b);
        long lastB = filings.post(inspector, "/api/v1/institutions/" + b + "/filing/suspend",
                Map.of("reason", "消防整改")).position();
        // the pages read the white-list this instance holds: wait until it has both
        client.get().uri("/api/v1/public/institutions?q=页面测试&minPosition=" + Math.max(lastA, lastB))
                .exchange().expectStatus().isOk();
        // only now: a set-up that failed half-way is done again by the next test
        ready = true;
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private void go(String path) {
        browser.get(base() + path);
        remember();
    }

    /** Keeps every page's HTML for the personal-data check. */
    private void remember() {
        visited.add(browser.getCurrentUrl() + "\n" + browser.getPageSource());
    }

    private List<String> resultNames() {
        return browser.findElements(By.cssSelector("ol.results h3 a")).stream().map(WebElement::getText).toList();
    }

    private String heading(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    @Test
    void searchByNameThenFilterByDistrictClassTypeAndVacancies() {
        go("/");
        assertThat(browser.getTitle()).contains("查询托育机构");
        WebElement q = browser.findElement(By.id("q"));
        q.sendKeys("页面测试");
        opens(() -> q.sendKeys(Keys.ENTER));
        remember();
        assertThat(resultNames()).contains(open, suspended);
        assertThat(heading("results-title")).matches("共找到 \\d+ 家机构");
        screenshot("public-search.png");

        // the district is picked by its name; the picker holds the divisions the store has
        Select district = new Select(browser.findElement(By.id("division")));
        assertThat(district.getOptions().stream().map(WebElement::getText)).contains("济宁市 汶上县", "济宁市 任城区");
        district.selectByVisibleText("济宁市 汶上县");
        opens(() -> browser.findElement(By.cssSelector("form.search button[type=submit]")).click());
        remember();
        assertThat(resultNames()).contains(open).doesNotContain(suspended);
        assertThat(new Select(browser.findElement(By.id("division"))).getFirstSelectedOption().getText())
                .as("the form keeps its values").isEqualTo("济宁市 汶上县");

        new Select(browser.findElement(By.id("division"))).selectByVisibleText("济宁市 任城区");
        new Select(browser.findElement(By.id("classType"))).selectByVisibleText("乳儿班");
        opens(() -> browser.findElement(By.cssSelector("form.search button[type=submit]")).click());
        remember();
        assertThat(resultNames()).as("the suspended one has no 乳儿班").doesNotContain(open, suspended);

        new Select(browser.findElement(By.id("division"))).selectByVisibleText("全部区县");
        browser.findElement(By.id("hasVacancy")).click();
        new Select(browser.findElement(By.id("puhui"))).selectByVisibleText("普惠性机构");
        opens(() -> browser.findElement(By.cssSelector("form.search button[type=submit]")).click());
        remember();
        assertThat(resultNames()).contains(open).doesNotContain(suspended);
        assertThat(browser.getCurrentUrl()).contains("hasVacancy=true", "classType=INFANT", "puhui=true");
    }

    @Test
    void nearAPlaceTypedAndFromTheBrowsersLocation() {
        go("/?q=" + java.net.URLEncoder.encode("页面测试", java.nio.charset.StandardCharsets.UTF_8));
        WebElement near = browser.findElement(By.id("near"));
        near.sendKeys("35.41,116.59");
        new Select(browser.findElement(By.id("radiusKm"))).selectByVisibleText("3 公里");
        opens(() -> browser.findElement(By.cssSelector("form.search button[type=submit]")).click());
        remember();
        assertThat(resultNames()).containsExactly(suspended);
        assertThat(browser.findElement(By.cssSelector("ol.results")).getText()).contains("距离约 0.0 公里");

        // the browser's location (granted and set through the DevTools protocol)
        browser.executeCdpCommand("Browser.grantPermissions", Map.of("origin", base(), "permissions", List.of("geolocation")));
        browser.executeCdpCommand("Emulation.setGeolocationOverride",
                Map.of("latitude", 35.7326, "longitude", 116.4897, "accuracy", 10));
        go("/?q=" + java.net.URLEncoder.encode("页面测试", java.nio.charset.StandardCharsets.UTF_8));
        WebElement locate = browser.findElement(By.id("locate"));
        assertThat(locate.isDisplayed()).as("the script shows the button").isTrue();
        locate.click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(15))
                .until(d -> d.getCurrentUrl().contains("near="));
        remember();
        assertThat(browser.findElement(By.id("near")).getAttribute("value")).isEqualTo("35.73260,116.48970");
        assertThat(resultNames()).containsExactly(open);
    }

    @Test
    void anInstitutionPageAndItsCertificate() {
        go("/?q=" + java.net.URLEncoder.encode(open, java.nio.charset.StandardCharsets.UTF_8));
        opens(() -> browser.findElement(By.linkText(open)).click());
        remember();
        assertThat(browser.getTitle()).startsWith(open);
        String page = browser.findElement(By.tagName("main")).getText();
        assertThat(page).contains("济宁市 汶上县", "山东省济宁市汶上县中都街道", "备案编号\nTY", "全日托、计时托",
                "小星星乳儿班", "乳儿班", "小太阳托小班", "共 23 个托位，空余 23 个", "保育费", "1,800.00 元", "每月",
                "普惠性托育机构（2026年1月1日起）", "最近一次检查：" + date(TODAY) + "，结果：责令整改",
                "消防安全", "严重", date(TODAY.plusDays(7)), "整改中");
        assertThat(browser.findElements(By.id("status-banner"))).as("no banner while filed").isEmpty();
        assertThat(browser.findElement(By.id("certificate-status")).getText()).isEqualTo("有效");
        screenshot("public-institution.png");

        opens(() -> browser.findElement(By.linkText("核验此回执")).click());
        remember();
        assertThat(heading("result-title")).isEqualTo("回执状态：有效");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains(open, "Ed25519", "离线核验",
                "/api/v1/public/certificates/public-key");
    }

    @Test
    void aSuspendedInstitutionShowsABannerWithTheDate() {
        go("/?q=" + java.net.URLEncoder.encode(suspended, java.nio.charset.StandardCharsets.UTF_8));
        opens(() -> browser.findElement(By.linkText(suspended)).click());
        remember();
        String banner = browser.findElement(By.id("status-banner")).getText();
        assertThat(banner).contains("已暂停", date(TODAY));
        assertThat(browser.findElement(By.id("certificate-status")).getText()).isEqualTo("已暂停");
        screenshot("public-institution-suspended.png");
    }

    @Test
    void aMixedAgeClassIsCalled混龄班() {
        go("/?q=" + java.net.URLEncoder.encode(suspended, java.nio.charset.StandardCharsets.UTF_8));
        Select classType = new Select(browser.findElement(By.id("classType")));
        assertThat(classType.getOptions().stream().map(WebElement::getText))
                .containsExactly("全部班型", "乳儿班", "托小班", "托大班", "混龄班");
        assertThat(browser.findElement(By.cssSelector("ol.results")).getText()).contains("班型：托大班、混龄班");
        classType.selectByVisibleText("混龄班");
        opens(() -> browser.findElement(By.cssSelector("form.search button[type=submit]")).click());
        remember();
        assertThat(browser.getCurrentUrl()).contains("classType=MIXED");
        assertThat(resultNames()).containsExactly(suspended);
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("混合班");

        opens(() -> browser.findElement(By.linkText(suspended)).click());
        remember();
        WebElement row = browser.findElement(By.xpath("//tr[th[normalize-space()='彩虹班']]"));
        assertThat(row.findElements(By.tagName("td")).get(0).getText()).isEqualTo("混龄班");
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("混合班");
    }

    @Test
    void aCertificateNumberPastedIntoTheCheck() {
        go("/?q=" + java.net.URLEncoder.encode(open, java.nio.charset.StandardCharsets.UTF_8));
        opens(() -> browser.findElement(By.linkText(open)).click());
        String number = browser.findElement(By.cssSelector("#licence-title + dl dd span")).getText();
        go("/certificate");
        assertThat(browser.getTitle()).contains("核验备案回执");
        WebElement field = browser.findElement(By.id("number"));
        field.sendKeys("  " + number.toLowerCase(java.util.Locale.ROOT) + " ");
        opens(() -> field.sendKeys(Keys.ENTER));
        remember();
        assertThat(heading("result-title")).isEqualTo("回执状态：有效");
        fitsThePhoneWidth();
        screenshot("public-certificate.png");

        go("/certificate?number=TYBA123");
        assertThat(heading("problem-title")).isEqualTo("无法核验");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("不是有效的备案回执编号");
        go("/institution/TY0000000000000000");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("未找到该机构");
    }

    /** Nothing on the page (the offline-check command, key paths) makes a phone scroll sideways. */
    private void fitsThePhoneWidth() {
        Number page = (Number) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth");
        Number viewport = (Number) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.documentElement.clientWidth");
        assertThat(page.intValue()).as("page width at a viewport of %s px", viewport).isLessThanOrEqualTo(viewport.intValue());
    }

    @Test
    void everyControlHasALabelAndIsReachedWithTheKeyboard() {
        for (String path : List.of("/?q=" + java.net.URLEncoder.encode("页面测试", java.nio.charset.StandardCharsets.UTF_8),
                "/certificate", "/certificate?number=TYBA123")) {
            go(path);
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
            assertThat(browser.getTitle()).as(path).endsWith("托育机构白名单");
            assertThat(browser.findElements(By.tagName("h1"))).as(path + ": one main heading").hasSize(1);
            List<String> unlabelled = new ArrayList<>();
            for (WebElement control : browser.findElements(By.cssSelector("input, select, textarea"))) {
                String id = control.getAttribute("id");
                boolean labelled = id != null && !id.isEmpty()
                        && !browser.findElements(By.cssSelector("label[for='" + id + "']")).isEmpty()
                        || control.getAttribute("aria-label") != null;
                if (!labelled) {
                    unlabelled.add(control.getAttribute("outerHTML"));
                }
            }
            assertThat(unlabelled).as(path + ": controls without a label").isEmpty();
            for (WebElement button : browser.findElements(By.tagName("button"))) {
                assertThat(button.getText()).as(path + ": a button says what it does").isNotBlank();
            }
        }
        // Tab from the top reaches the skip link, the navigation, every field and the search button, in order
        go("/");
        List<String> reached = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            new org.openqa.selenium.interactions.Actions(browser).sendKeys(Keys.TAB).perform();
            WebElement active = browser.switchTo().activeElement();
            String id = active.getAttribute("id");
            reached.add(id == null || id.isEmpty() ? active.getTagName() + ":" + active.getText() : id);
        }
        assertThat(reached).containsSubsequence("a:跳到正文", "q", "division", "type", "puhui", "classType",
                "serviceType", "hasVacancy", "near", "radiusKm", "locate", "button:查询");
        // and Enter on the focused search button submits the form
        WebElement searchButton = browser.findElement(By.cssSelector("form.search button[type=submit]"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].focus()", searchButton);
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(Keys.ENTER).perform();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().contains("q="));
    }

    @Test
    void noPageShowsTheRegisteredChild() {
        // every page this class opened, plus the pages of this institution opened here
        go("/?q=" + java.net.URLEncoder.encode(open, java.nio.charset.StandardCharsets.UTF_8));
        opens(() -> browser.findElement(By.linkText(open)).click());
        remember();
        opens(() -> browser.findElement(By.linkText("核验此回执")).click());
        remember();
        assertThat(visited).isNotEmpty();
        for (String html : visited) {
            for (String p : personalData) {
                assertThat(html).as("a public page contains a child's personal data").doesNotContain(p);
            }
        }
        // the check is meaningful: the institution page does show the institution
        assertThat(visited.get(visited.size() - 2)).contains(open);
    }

    private static String date(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    /** The whole page at a phone's width, as a PNG. */
    private void screenshot(String name) {
        long height = (Long) ((JavascriptExecutor) browser).executeScript(
                "return Math.ceil(document.documentElement.scrollHeight)");
        Dimension before = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(MOBILE_WIDTH, (int) Math.min(height + 120, 4000)));
        try {
            Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Files.copy(shot, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            if (Boolean.getBoolean("careledger.screenshots.update")) {
                Path docs = Path.of("..", "docs", "images");
                Files.createDirectories(docs);
                Files.copy(shot, docs.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot save the screenshot " + name, e);
        } finally {
            browser.manage().window().setSize(before);
        }
    }

    /** A click or key press that opens another page, and the wait until it has. */
    private void opens(Runnable action) {
        Navigation.andWait(browser, action);
    }
}
