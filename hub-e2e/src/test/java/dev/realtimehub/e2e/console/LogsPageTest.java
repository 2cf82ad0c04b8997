package dev.realtimehub.e2e.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.e2e.Browser;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HubExtension;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The logs page in headless Chromium against a real hub; every test gets a fresh hub. */
class LogsPageTest {

    private static Browser browser;

    @RegisterExtension
    final HubExtension hubs = HubExtension.withDefaults();

    private RealtimeHub hub;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void startHub(RealtimeHub hub) {
        this.hub = hub;
    }

    private void log(String level, String message, String module) {
        hub.broadcasts().log(level, message, module).join();
    }

    private static long stat(ConsolePage page, String name) {
        return page.number("return window.hubLogs.stats()." + name);
    }

    private static String rowsText(ConsolePage page) {
        return (String) page.browser().js("return document.querySelector('.log-rows').textContent");
    }

    /** Publishes {@code count} lines in rounds the page keeps up with (a burst past 1 MB would be a slow consumer). */
    private void flood(ConsolePage page, int count) {
        long before = stat(page, "total") + stat(page, "dropped");
        for (int sent = 0; sent < count; ) {
            int round = Math.min(1_000, count - sent);
            for (int i = 0; i < round; i++) {
                hub.broadcasts().log(i % 50 == 0 ? "ERROR" : "INFO", "line " + (sent + i + 1) + " of the flood", "flood");
            }
            sent += round;
            long expected = before + sent;
            page.<Number>awaitJs("var s = window.hubLogs.stats(); return s.total + s.dropped",
                    n -> n.longValue() >= expected);
        }
    }

    @Test
    void logLinesAppearWithTimeLevelModuleAndMessage() {
        ConsolePage page = ConsolePage.open(browser, hub, "/logs.html").awaitSubscribed("logs");

        log("INFO", "rules reloaded: 40 rules", "rules.engine");
        log("WARN", "rate limit close", "telegram.client");

        page.awaitJs("return document.querySelectorAll('.log-rows .log-row').length", n -> ((Number) n).intValue() == 2);
        assertThat(page.all(".log-rows .log-row").get(0).getText())
                .matches("(?s)\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\s+INFO\\s+rules\\.engine\\s+rules reloaded: 40 rules");
        assertThat(page.one(".log-rows .log-row.level-WARNING .log-level").getText()).isEqualTo("WARNING");
        page.assertNoConsoleErrors();
    }

    @Test
    void pauseHoldsNewLinesAndCountsThemAndResumeShowsThem() {
        ConsolePage page = ConsolePage.open(browser, hub, "/logs.html").awaitSubscribed("logs");
        log("INFO", "before the pause", "app");
        page.awaitJs("return window.hubLogs.stats().total", n -> ((Number) n).intValue() == 1);

        page.click("#pause");
        for (int i = 1; i <= 5; i++) {
            log("INFO", "held line " + i, "app");
        }

        page.awaitJs("return window.hubLogs.stats().held", n -> ((Number) n).intValue() == 5);
        assertThat(page.one("#held").getText()).isEqualTo("Paused · 5 new lines held");
        assertThat(page.one("#pause").getText()).isEqualTo("Resume");
        assertThat(rowsText(page)).contains("before the pause").doesNotContain("held line");

        page.click("#pause");

        page.awaitJs("return document.querySelector('.log-rows').textContent", (String t) -> t.contains("held line 5"));
        assertThat(rowsText(page)).contains("held line 1", "held line 2", "held line 3", "held line 4");
        assertThat(stat(page, "held")).isZero();
        assertThat(page.one("#held").isDisplayed()).isFalse();
        page.assertNoConsoleErrors();
    }

    @Test
    void twentyThousandLinesKeepTheDomSmallAndScrollingStopsFollowing() {
        ConsolePage page = ConsolePage.open(browser, hub, "/logs.html").awaitSubscribed("logs");

        flood(page, 20_000);

        assertThat(stat(page, "total")).isEqualTo(20_000);
        page.awaitJs("return document.querySelector('.log-rows').textContent", (String t) -> t.contains("line 20000 of"));
        assertThat(stat(page, "rows")).isLessThan(100);
        assertThat(page.number("return document.getElementsByTagName('*').length")).isLessThan(1_000);

        // reading back up stops following; new lines do not move the view; the bottom follows again
        page.browser().js("document.getElementById('log-viewport').scrollTop = 0");
        page.awaitJs("return window.hubLogs.stats().following", Boolean.FALSE::equals);
        page.awaitJs("return document.querySelector('.log-rows').textContent", (String t) -> t.contains("line 1 of"));
        assertThat(page.one("#jump").isDisplayed()).isTrue();
        log("INFO", "a line while reading", "app");
        page.awaitJs("return window.hubLogs.stats().total", n -> ((Number) n).intValue() == 20_001);
        assertThat(page.number("return document.getElementById('log-viewport').scrollTop")).isZero();
        assertThat(stat(page, "rows")).isLessThan(100);

        page.click("#jump");
        page.awaitJs("return window.hubLogs.stats().following", Boolean.TRUE::equals);
        page.awaitJs("return document.querySelector('.log-rows').textContent", (String t) -> t.contains("a line while reading"));
        page.assertNoConsoleErrors();
    }

    @Test
    void aHundredThousandLinesStillPutOnlyTheRowsInSightInTheDomAndFilterAsOne() {
        ConsolePage page = ConsolePage.open(browser, hub, "/logs.html?buffer=100000").awaitSubscribed("logs");

        page.browser().js("const lines = [];"
                + "for (let i = 0; i < 100000; i++) lines.push({time: '12:00:00.000', level: i % 1000 === 0 ? 'ERROR' : 'INFO',"
                + " module: 'bulk', message: 'synthetic line ' + i});"
                + "window.hubLogs.view.append(lines);");

        page.awaitJs("return document.querySelector('.log-rows').textContent", (String t) -> t.contains("synthetic line 99999"));
        assertThat(stat(page, "total")).isEqualTo(100_000);
        assertThat(stat(page, "rows")).isLessThan(100);
        page.click("#levels [data-level=INFO]");
        page.awaitJs("return window.hubLogs.stats().shown", n -> ((Number) n).intValue() == 100);
        page.one("#text-filter").sendKeys("line 99000"); // among the ERROR lines (every 1000th), only that one
        page.awaitJs("return window.hubLogs.stats().shown", n -> ((Number) n).intValue() == 1);
        // the filter applies at once, the rows are drawn on the next animation frame
        page.awaitJs("return document.querySelector('.log-rows').textContent",
                (String t) -> t.contains("synthetic line 99000"));
        assertThat(rowsText(page)).doesNotContain("synthetic line 98000");
        assertThat(stat(page, "rows")).isEqualTo(1);
        page.assertNoConsoleErrors();
    }

    @Test
    void theBufferKeepsTheNewestLinesAndSaysHowManyWereDropped() {
        ConsolePage page = ConsolePage.open(browser, hub, "/logs.html?buffer=1000").awaitSubscribed("logs");

        flood(page, 1_500);

        assertThat(stat(page, "total")).isEqualTo(1_000);
        assertThat(stat(page, "dropped")).isEqualTo(500);
        assertThat(page.one("#dropped").getText()).isEqualTo("500 older lines dropped: the buffer keeps the latest 1,000.");
        page.browser().js("document.getElementById('log-viewport').scrollTop = 0");
        page.awaitJs("return document.querySelector('.log-rows .log-row .log-message').textContent",
                "line 501 of the flood"::equals);
    }

    @Test
    void levelAndTextFiltersNarrowWhatIsShown() {
        ConsolePage page = ConsolePage.open(browser, hub, "/logs.html").awaitSubscribed("logs");
        Map.of("DEBUG", "cache warmed", "INFO", "rule 12 created", "WARNING", "rule 12 slow", "ERROR", "disk error",
                "CRITICAL", "storage down").forEach((level, message) -> log(level, message, "app"));
        // rendered, so the level counts (and with them the buttons' places) have settled before the clicks
        page.awaitJs("return document.querySelector('#line-count b')?.textContent", "5"::equals);

        page.click("#levels [data-level=DEBUG]");
        page.click("#levels [data-level=INFO]");
        page.awaitJs("return window.hubLogs.stats().shown", n -> ((Number) n).intValue() == 3);

        page.one("#text-filter").sendKeys("RULE 12");
        page.awaitJs("return window.hubLogs.stats().shown", n -> ((Number) n).intValue() == 1);
        page.awaitJs("return document.querySelector('.log-rows').textContent", (String t) -> t.contains("rule 12 slow"));
        assertThat(rowsText(page)).doesNotContain("rule 12 created", "disk error");

        log("WARNING", "rule 12 still slow", "app");
        log("ERROR", "unrelated failure", "app");
        page.awaitJs("return window.hubLogs.stats().total", n -> ((Number) n).intValue() == 7);
        assertThat(stat(page, "shown")).isEqualTo(2);
        page.assertNoConsoleErrors();
    }

    @Test
    void screenshotOfALivelyStream() {
        ConsolePage page = ConsolePage.open(browser, hub, "/logs.html").awaitSubscribed("logs");
        String[][] lines = {
            {"INFO", "forwarded message 481516 from @market_news to @releases", "forwarder"},
            {"DEBUG", "poll cycle 88: fetched 12 updates from @dev_updates", "scheduler"},
            {"INFO", "rule 12 updated: source @support, target @alerts_feed", "rules.engine"},
            {"WARNING", "rate limit close for @market_news: 91% of quota", "telegram.client"},
            {"ERROR", "forward to @support failed: FloodWait 22 s", "forwarder"},
            {"INFO", "listening on http://127.0.0.1:8000 (node 2f9Kx1Qa, epoll transport)", "dev.realtimehub.server.RealtimeHub"},
            {"CRITICAL", "storage latency 2380 ms: write queue stalled", "storage"},
        };
        for (int round = 0; round < 6; round++) {
            for (String[] line : lines) {
                log(line[0], line[1], line[2]);
            }
        }
        page.awaitJs("return window.hubLogs.stats().total", n -> ((Number) n).intValue() == 42);

        page.screenshot("logs");
        page.assertNoConsoleErrors();
    }
}
