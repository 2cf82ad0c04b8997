package dev.realtimehub.e2e.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtimehub.e2e.Browser;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HubExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The logs page filtered on the hub (?level=…&module=…) in headless Chromium: other lines never reach the page. */
class FilteredLogsPageTest {

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

    private ConsolePage open(String query) {
        ConsolePage page = ConsolePage.open(browser, hub, "/logs.html" + query);
        // the page's own filtered subscription is in place once the logs topic has a filtered group
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.engine().channels().existing("logs").filterCount() >= 1
                && hub.engine().channels().existing("logs").subscriberCount() >= 1);
        return page;
    }

    private static long stat(ConsolePage page, String name) {
        return page.number("return window.hubLogs.stats()." + name);
    }

    @Test
    void aViewOfErrorsReceivesNoInfoLines() {
        ConsolePage page = open("?level=ERROR,CRITICAL");
        assertThat(page.one("#server-filter").getText()).contains("level ERROR, CRITICAL");

        for (int i = 0; i < 20; i++) {
            boolean error = i % 5 == 0;
            hub.broadcasts().log(error ? "ERROR" : "INFO", (error ? "failure " : "routine ") + i, "billing").join();
        }
        hub.broadcasts().log("CRITICAL", "the last line", "billing").join();

        page.awaitJs("return window.hubLogs.stats().total", n -> ((Number) n).longValue() == 5);
        // what the page received, counted by level before any of its own (client-side) filters
        assertThat(page.number("return window.hubLogs.stats().levels.INFO")).isZero();
        assertThat(page.number("return window.hubLogs.stats().levels.ERROR")).isEqualTo(4);
        assertThat(page.number("return window.hubLogs.stats().levels.CRITICAL")).isEqualTo(1);
        assertThat((String) browser.js("return document.querySelector('.log-rows').textContent"))
                .contains("the last line", "failure 15").doesNotContain("routine");
        page.assertNoConsoleErrors();
    }

    @Test
    void aViewOfOneModuleReceivesOnlyItsLines() {
        ConsolePage page = open("?module=billing");
        hub.broadcasts().log("INFO", "elsewhere", "auth").join();
        hub.broadcasts().log("WARN", "billing is slow", "billing").join();
        hub.broadcasts().log("ERROR", "auth failed", "auth").join();
        hub.broadcasts().log("ERROR", "billing failed", "billing").join();

        page.awaitJs("return window.hubLogs.stats().total", n -> ((Number) n).longValue() == 2);
        assertThat(stat(page, "total")).isEqualTo(2);
        String rows = (String) browser.js("return document.querySelector('.log-rows').textContent");
        assertThat(rows).contains("billing is slow", "billing failed").doesNotContain("auth");
        page.assertNoConsoleErrors();
    }
}
