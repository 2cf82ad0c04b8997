package dev.realtimehub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.HubExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several tabs of one Chromium share one hub connection ({@code /e2e/tabs.html}, the default {@code window.wsManager}):
 * through a SharedWorker, or (with {@code window.SharedWorker} deleted before the client loads) through the tab that
 * holds a Web Lock. The hub's own figures ({@code GET /api/ws/stats}) say how many connections and subscribers it has.
 */
class TabSharingBrowserTest {

    private static final Logger LOG = LoggerFactory.getLogger(TabSharingBrowserTest.class);

    /** Generous: four tabs of Chromium and the hub share two cores with other builds. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String WORKER = "worker=on";
    private static final String LOCKS = "worker=off";

    @RegisterExtension
    final HubExtension hubs = HubExtension.withDefaults();

    private Browser browser;
    private TabsPage tabs;

    @BeforeEach
    void startBrowser() {
        browser = Browser.start();
        tabs = new TabsPage(browser);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {WORKER, LOCKS})
    void fourTabsHoldOneHubConnectionAndEveryTabGetsEveryEventOnceInOrder(String mode, RealtimeHub hub) {
        tabs.open(hub.httpUri(), mode + "&topics=alerts", 4);
        awaitHub(hub, 1, 1);

        for (long n = 1; n <= 10; n++) {
            hub.publish("alerts", alert(n)).join();
        }
        for (String tab : tabs.tabs()) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(tabs.seqs(tab, "alerts")).as(tabs.debug()).hasSize(10));
            assertThat(tabs.seqs(tab, "alerts")).containsExactlyElementsOf(seqs(1, 10));
            Map<String, Object> stats = tabs.stats(tab);
            assertThat(stats).containsEntry("status", "connected").containsEntry("transport", "websocket")
                    .containsEntry("shared", mode.equals(WORKER) ? "worker" : "locks");
            assertThat(tabs.status(tab)).isEqualTo("connected");
            assertThat(tabs.errors(tab)).asList().isEmpty();
        }
        assertThat(tabs.holder()).as("a SharedWorker holds it, else exactly one tab")
                .matches(holder -> mode.equals(WORKER) ? holder == null : holder != null);
        assertHub(hub, 1, 1);
        assertThat(browser.consoleErrors()).isEmpty();
        HttpTestClient.Reply worker = new HttpTestClient(hub.httpUri()).get("/js/ws-shared-worker.js?v=any");
        assertThat(worker.status()).isEqualTo(200);
        assertThat(worker.raw().headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(worker.body()).contains("serveTabs(workerScope").doesNotContain("CLIENT_BUILD = 'dev'");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {WORKER, LOCKS})
    void closingTabsOneByOneTheHolderFirstLosesNothingAndDuplicatesNothing(String mode, RealtimeHub hub) {
        tabs.open(hub.httpUri(), mode + "&topics=alerts", 4);
        awaitHub(hub, 1, 1);
        long published = 0;
        while (tabs.tabs().size() > 1) {
            for (int i = 0; i < 3; i++) {
                hub.publish("alerts", alert(++published)).join();
            }
            String holder = tabs.holder();
            long closedAt = System.currentTimeMillis();
            tabs.close(holder != null ? holder : tabs.tabs().get(0));
            // published while the next holder takes over: recovered with since
            for (int i = 0; i < 3; i++) {
                hub.publish("alerts", alert(++published)).join();
            }
            long last = published;
            for (String tab : tabs.tabs()) {
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(tabs.seqs(tab, "alerts")).as(tabs.debug())
                        .hasSizeGreaterThanOrEqualTo((int) last));
                assertThat(tabs.seqs(tab, "alerts")).as(tab).containsExactlyElementsOf(seqs(1, last));
            }
            if (holder != null) {
                // a figure for the report, not an assertion: from asking WebDriver to close the holder to the new
                // holder's connection being open (the browser's clock is this machine's)
                String next = tabs.holder();
                Number connectedAt = (Number) tabs.js(next, "const s = window.e2e.states.filter((x) => x.state === 'connected');"
                        + " return s.length ? s[s.length - 1].at : null;");
                LOG.info("{}: hand-over to a new holder ({} tabs left): connected {} ms after the holder tab was closed",
                        mode, tabs.tabs().size(), connectedAt == null ? "?" : connectedAt.longValue() - closedAt);
            }
            awaitHub(hub, 1, 1);
        }
        tabs.close(tabs.tabs().get(0));
        awaitHub(hub, 0, 0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {WORKER, LOCKS})
    void theSharedConnectionWorksOverSseToo(String mode, RealtimeHub hub) {
        // A WebSocket URL nothing listens on: the shared connection falls back to the hub's SSE stream.
        String query = mode + "&topics=alerts&ws=ws://127.0.0.1:9/api/ws/realtime&sseUrl="
                + hub.httpUri().resolve("/api/sse/realtime");
        tabs.open(hub.httpUri(), query, 3);
        awaitHub(hub, 1, 1);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(stats(hub).path("connections_by_transport")
                .path("sse").asInt()).isEqualTo(1));
        for (long n = 1; n <= 5; n++) {
            hub.publish("alerts", alert(n)).join();
        }
        for (String tab : tabs.tabs()) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(tabs.seqs(tab, "alerts")).as(tabs.debug()).hasSize(5));
            assertThat(tabs.seqs(tab, "alerts")).containsExactlyElementsOf(seqs(1, 5));
            assertThat(tabs.stats(tab)).containsEntry("transport", "sse");
        }
        assertHub(hub, 1, 1);
    }

    @Test
    void aPageThatOptsOutKeepsItsOwnConnection(RealtimeHub hub) {
        tabs.open(hub.httpUri(), "shared=off&topics=alerts", 3);
        awaitHub(hub, 3, 3);
        hub.publish("alerts", alert(1)).join();
        for (String tab : tabs.tabs()) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(tabs.seqs(tab, "alerts")).containsExactly(1L));
            assertThat(tabs.stats(tab)).doesNotContainKey("shared");
        }
    }

    /** Waits until the hub has {@code connections} connections and {@code subscribers} subscribers of "alerts". */
    private static void awaitHub(RealtimeHub hub, int connections, int subscribers) {
        await().atMost(PATIENCE).untilAsserted(() -> assertHub(hub, connections, subscribers));
    }

    private static void assertHub(RealtimeHub hub, int connections, int subscribers) {
        JsonNode stats = stats(hub);
        assertThat(stats.path("total_connections").asInt()).as("connections: " + stats).isEqualTo(connections);
        assertThat(stats.path("subscriptions").path("alerts").asInt()).as("subscribers: " + stats).isEqualTo(subscribers);
    }

    private static JsonNode stats(RealtimeHub hub) {
        HttpTestClient.Reply reply = new HttpTestClient(hub.httpUri()).get("/api/ws/stats");
        assertThat(reply.status()).isEqualTo(200);
        return reply.json();
    }

    private static List<Long> seqs(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    private static Publication alert(long n) {
        return Publication.of("alert", Map.of("alert_type", "e2e", "title", "Alert " + n, "n", n));
    }
}
