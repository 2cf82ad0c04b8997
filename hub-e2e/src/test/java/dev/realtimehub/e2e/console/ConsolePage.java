package dev.realtimehub.e2e.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtimehub.e2e.Browser;
import dev.realtimehub.server.RealtimeHub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** A console page open in a real browser against a real hub, with the waits and reads the page tests share. */
final class ConsolePage {

    /** Where every run writes the pages' screenshots. */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final Browser browser;
    private final RealtimeHub hub;

    private ConsolePage(Browser browser, RealtimeHub hub) {
        this.browser = browser;
        this.hub = hub;
    }

    /** Opens {@code path} on {@code hub} and waits until the page is connected to the hub. */
    static ConsolePage open(Browser browser, RealtimeHub hub, String path) {
        browser.load(hub.httpUri() + path);
        ConsolePage page = new ConsolePage(browser, hub);
        page.awaitJs("return document.getElementById('connection-badge').dataset.state", "connected"::equals);
        return page;
    }

    /**
     * Waits until this page is the hub's only connection (an earlier page's has gone) and a subscriber of every one of
     * {@code topics}, so an event published next reaches it.
     */
    ConsolePage awaitSubscribed(String... topics) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(hub.engine().connectionCount()).as("connections").isEqualTo(1);
            for (String topic : topics) {
                assertThat(hub.engine().stats().topics()).as(topic)
                        .anySatisfy(t -> {
                            assertThat(t.name()).isEqualTo(topic);
                            assertThat(t.subscribers()).isPositive();
                        });
            }
        });
        return this;
    }

    Browser browser() {
        return browser;
    }

    /** Runs {@code script} until its result passes {@code check}; returns that result. */
    @SuppressWarnings("unchecked")
    <T> T awaitJs(String script, Predicate<T> check) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> (T) browser.js(script), value -> value != null && check.test(value));
    }

    long number(String script) {
        return ((Number) browser.js(script)).longValue();
    }

    List<WebElement> all(String css) {
        return browser.driver().findElements(By.cssSelector(css));
    }

    WebElement one(String css) {
        return browser.driver().findElement(By.cssSelector(css));
    }

    void click(String css) {
        one(css).click();
    }

    /** Asserts that nothing was logged at error level since the page opened. */
    void assertNoConsoleErrors() {
        assertThat(browser.consoleErrors()).as("console errors").isEmpty();
    }

    /** Writes target/screenshots/{name}.png. */
    Path screenshot(String name) {
        return browser.screenshot(SCREENSHOTS.resolve(name + ".png"));
    }

    RealtimeHub hub() {
        return hub;
    }
}
