package org.careledger.infra.pages;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Runs a click or key press that opens another page and waits until that page has replaced the
 * current one and finished loading. Selenium's click can return before a form's submission has
 * replaced the page, and a check made then reads the old page (a CI run once saw an empty result
 * list that way).
 */
final class Navigation {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private Navigation() {
    }

    static void andWait(WebDriver browser, Runnable action) {
        WebElement current = browser.findElement(By.tagName("html"));
        action.run();
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.until(ExpectedConditions.stalenessOf(current));
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }
}
