package org.careledger.infra.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless at a phone's width, driven through its chromedriver (both installed
 * by {@code .ci/run}; Selenium is given both paths, so it never downloads anything). Without
 * them the browser tests are skipped outside CI, and fail in CI.
 */
final class Chromium implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("careledger.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("careledger.chromedriver", "/usr/bin/chromedriver");
    /** A phone's viewport. */
    static final int MOBILE_WIDTH = 390;

    final ChromeDriver browser;
    private final Path profile;

    private Chromium(ChromeDriver browser, Path profile) {
        this.browser = browser;
        this.profile = profile;
    }

    /**
     * A browser with scripts on, or with every page's scripts off (chromium's content setting for
     * JavaScript, 2 = block, as a policy would set it: a family's phone with JavaScript disabled).
     */
    static Chromium start(boolean javascript) throws IOException {
        boolean installed = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        if (!installed && System.getenv("CI") == null) {
            // a developer's machine without chromium: say so instead of failing every other test's run
            Assumptions.assumeTrue(false, "chromium and chromium-driver are not installed (apt-get install chromium "
                    + "chromium-driver, as .ci/run does); the browser tests did not run");
        }
        assertThat(installed).as(CHROMIUM + " and " + CHROMEDRIVER + " (installed by .ci/run)").isTrue();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        Path profile = Files.createTempDirectory("careledger-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=zh-CN", "--window-size=" + MOBILE_WIDTH + ",844",
                "--user-data-dir=" + profile);
        if (!javascript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120));
        return new Chromium(browser, profile);
    }

    @Override
    public void close() throws IOException {
        browser.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
