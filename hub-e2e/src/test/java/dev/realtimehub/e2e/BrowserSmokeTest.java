package dev.realtimehub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BrowserSmokeTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withDefaults();

    @Test
    void chromiumLoadsTheClientLibraryFromTheHub(RealtimeHub hub) {
        try (Browser browser = Browser.start()) {
            browser.driver().get(hub.httpUri() + "/js/ws-manager.js");
            assertThat(browser.driver().getPageSource()).contains("WebSocketManager");
        }
    }

    /**
     * What a page keeps logging until it is left (here on purpose, every millisecond; in the console tests, the polls of
     * a hub the last test stopped) is not counted against the page loaded after it.
     */
    @Test
    void whatThePageBeforeLogsUntilItIsLeftIsNotThePageAfters(RealtimeHub hub) {
        try (Browser browser = Browser.start()) {
            browser.driver().get(hub.httpUri() + "/js/ws-manager.js");
            browser.js("setInterval(() => console.error('the page before, still running'), 1);");

            browser.load(hub.httpUri() + "/js/ws-manager.js");

            assertThat(browser.consoleErrors()).isEmpty();
        }
    }
}
