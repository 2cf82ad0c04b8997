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
}
