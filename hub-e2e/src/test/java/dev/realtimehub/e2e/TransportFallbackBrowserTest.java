package dev.realtimehub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtimehub.core.api.Publication;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HubExtension;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The browser client behind proxies that break WebSocket the ways corporate middleboxes do, in real headless Chromium
 * against a real hub: it falls back to Server-Sent Events by itself, or comes back after a close it did not ask for,
 * and every event arrives once and in order.
 */
class TransportFallbackBrowserTest {

    /** Generous: Chromium and the hub share two cores with other builds. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    final HubExtension hubs = HubExtension.withDefaults();

    private Browser browser;

    @BeforeEach
    void startBrowser() {
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void behindAProxyThatRefusesUpgradesTheClientUsesSseAndGetsEveryEventInOrder(RealtimeHub hub) {
        try (HostileProxy proxy = HostileProxy.refusingUpgrades(hub.port())) {
            ClientPage page = open(proxy, "reconnectBaseMs=100");
            awaitSubscribed(page, "alerts");
            assertThat(page.stats()).containsEntry("transport", "sse");
            assertThat(proxy.interfered()).as("the proxy refused the WebSocket").isPositive();

            publish(hub, 1, 30);
            awaitEvents(page, 30);
            assertThat(page.seqs("alerts")).containsExactlyElementsOf(LongStream.rangeClosed(1, 30).boxed().toList());
            assertThat(page.status()).isEqualTo("connected");
            assertThat(page.clientErrors()).as("only the refused WebSockets are reported")
                    .allSatisfy(error -> assertThat(error).containsEntry("type", "socket"));
        }
    }

    @Test
    void behindAProxyThatCutsEveryUpgradeAfter300MsTheClientSettlesOnSse(RealtimeHub hub) {
        try (HostileProxy proxy = HostileProxy.cuttingUpgrades(hub.port(), Duration.ofMillis(300))) {
            ClientPage page = open(proxy, "reconnectBaseMs=100");
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(page.stats()).as(page.debug())
                    .containsEntry("transport", "sse").containsEntry("status", "connected"));
            assertThat(proxy.upgrades()).as("two WebSockets that died at once before the switch").isGreaterThanOrEqualTo(2);
            awaitSubscribed(page, "alerts");

            publish(hub, 1, 30);
            awaitEvents(page, 30);
            assertThat(page.seqs("alerts")).containsExactlyElementsOf(LongStream.rangeClosed(1, 30).boxed().toList());
            assertThat(page.events("alerts")).<Object>extracting(e -> ((Map<?, ?>) e.get("event")).get("n"))
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 30).boxed().toList());
        }
    }

    @Test
    void aCloseWith1000FromAProxyIsReconnectedAndRecoveredWithNothingLostOrTwice(RealtimeHub hub) {
        try (HostileProxy proxy = HostileProxy.closingUpgradesWith1000(hub.port(), Duration.ofSeconds(2), 1)) {
            ClientPage page = open(proxy, "reconnectBaseMs=100");
            awaitSubscribed(page, "alerts");
            publish(hub, 1, 10);
            awaitEvents(page, 10);

            // the proxy ends the first connection with a 1000 of its own; events published meanwhile are recovered
            await().atMost(PATIENCE).until(() -> page.states().stream()
                    .anyMatch(s -> "disconnected".equals(s.get("state")) && Long.valueOf(1000).equals(s.get("code"))));
            publish(hub, 11, 20);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(page.status()).as(page.debug())
                    .isEqualTo("connected"));
            publish(hub, 21, 30);

            awaitEvents(page, 30);
            assertThat(page.seqs("alerts")).as("every seq exactly once, in order")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 30).boxed().toList());
            assertThat(page.stat("reconnectCount")).isEqualTo(1);
            assertThat(page.recoveryFailures()).isEmpty();
            assertThat(page.stats()).containsEntry("transport", "websocket");
        }
    }

    @Test
    void theConsoleBehindAProxyThatRefusesUpgradesWorksOverSse(RealtimeHub hub) {
        try (HostileProxy proxy = HostileProxy.refusingUpgrades(hub.port())) {
            browser.driver().get("http://127.0.0.1:" + proxy.port() + "/tasks.html");
            await().atMost(PATIENCE).until(() -> "connected".equals(
                    browser.js("return document.getElementById('connection-badge').dataset.state")));
            assertThat(browser.js("return window.wsManager.getStats().transport")).isEqualTo("sse");
            await().atMost(PATIENCE).until(() -> hub.engine().stats().topics().stream()
                    .anyMatch(t -> t.name().equals("tasks") && t.subscribers() > 0));

            for (int progress = 10; progress <= 100; progress += 10) {
                hub.tasks().update("export-1", "Nightly export", progress < 100 ? "running" : "done", progress,
                        "at " + progress + "%").join();
            }
            String card = "document.querySelector('[data-task-id=\"export-1\"]')";
            await().atMost(PATIENCE).until(() -> "done".equals(browser.js("return " + card + "?.dataset.status")));
            assertThat(browser.js("return " + card + ".querySelector('.progress').getAttribute('aria-valuenow')"))
                    .isEqualTo("100");
        }
    }

    /** The test page, served through the proxy so that its origin is the one the client connects to. */
    private ClientPage open(HostileProxy proxy, String timings) {
        URI viaProxy = URI.create("http://127.0.0.1:" + proxy.port());
        return ClientPage.open(browser, viaProxy, "topics=alerts&sse=on&" + timings
                + "&ws=ws://127.0.0.1:" + proxy.port() + "/api/ws/realtime");
    }

    private static void publish(RealtimeHub hub, long from, long to) {
        for (long n = from; n <= to; n++) {
            hub.publish("alerts", Publication.of("alert", Map.of("alert_type", "e2e", "title", "Alert " + n,
                    "message", "number " + n, "severity", "info", "n", n))).join();
        }
    }

    private static void awaitEvents(ClientPage page, long count) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(page.seqs("alerts")).as(page.debug())
                .hasSizeGreaterThanOrEqualTo((int) count));
    }

    private static void awaitSubscribed(ClientPage page, String topic) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(page.subscriptionReplies()).as(page.debug())
                .anySatisfy(reply -> assertThat(reply).containsEntry("topic", topic).containsEntry("success", true)));
    }
}
