package dev.realtimehub.e2e.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.e2e.Browser;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HubExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's viewer badge in headless Chromium against a real hub: two browsers (two profiles, so two connections:
 * the tabs of one browser share theirs) on the same page see each other, and a page counts only its own viewers.
 */
class PresenceBadgeTest {

    private static final String CONNECTIONS = "return document.getElementById('viewers-badge').dataset.connections";

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

    @Test
    void theBadgeCountsEveryoneViewingThePageAndFollowsThemComingAndGoing() {
        ConsolePage first = ConsolePage.open(browser, hub, "/logs.html").awaitSubscribed("logs");
        first.awaitJs(CONNECTIONS, "1"::equals);
        assertThat(first.one("#viewers-badge").getText()).isEqualTo("1 viewer");

        try (Browser other = Browser.start()) {
            ConsolePage second = ConsolePage.open(other, hub, "/logs.html");
            second.awaitJs(CONNECTIONS, "2"::equals);
            first.awaitJs(CONNECTIONS, "2"::equals); // on its next poll
            assertThat(first.one("#viewers-badge").getText()).isEqualTo("2 viewers");

            ConsolePage tasks = ConsolePage.open(other, hub, "/tasks.html");
            tasks.awaitJs(CONNECTIONS, "1"::equals); // the tasks page counts its own viewers only
            first.awaitJs(CONNECTIONS, "1"::equals); // the other browser left the logs page
            tasks.assertNoConsoleErrors();
        }
        first.assertNoConsoleErrors();
    }
}
