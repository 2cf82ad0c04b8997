package dev.realtimehub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.server.RealtimeHub;
import org.junit.jupiter.api.Test;

class BrowserSmokeTest {

    @Test
    void chromiumLoadsTheClientLibraryFromTheHub() {
        try (RealtimeHub hub = RealtimeHub.builder().port(0).start(); Browser browser = Browser.start()) {
            browser.driver().get(hub.httpUri() + "/js/ws-manager.js");
            assertThat(browser.driver().getPageSource()).contains("WebSocketManager");
        }
    }
}
