package dev.realtimehub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.realtimehub.core.api.Publication;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HubExtension;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The browser client ({@code /js/ws-manager.js}) in real headless Chromium against a real hub: live events, batches,
 * a cut network and a restarted hub, through the test page {@code /e2e/client.html}.
 */
class WsManagerBrowserTest {

    /** Generous: Chromium and the hub share two cores with other builds. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Path SCREENSHOT = Path.of(System.getProperty("basedir", "."), "target", "screenshots",
            "ws-manager.png");

    private static final String ISO_MILLIS_UTC = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

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
    void eventsPublishedOneByOneArriveOneByOneWithTheirPayload(RealtimeHub hub) {
        ClientPage page = ClientPage.open(browser, hub.httpUri(), "topics=alerts");
        awaitSubscribed(page, "alerts");
        String epoch = hub.engine().position("alerts").epoch();

        for (int n = 1; n <= 5; n++) {
            hub.publish("alerts", alert(n)).join();
            awaitEvents(page, "alerts", n);
            assertThat(page.seqs("alerts")).as("one event per publish").hasSize(n);
            Map<String, Object> seen = page.events("alerts").get(n - 1);
            assertThat(seen).containsEntry("topic", "alerts").containsEntry("seq", (long) n)
                    .containsEntry("epoch", epoch);
            @SuppressWarnings("unchecked")
            Map<String, Object> event = (Map<String, Object>) seen.get("event");
            assertThat(event).containsEntry("type", "alert").containsEntry("topic", "alerts")
                    .containsEntry("seq", (long) n).containsEntry("alert_type", "e2e")
                    .containsEntry("title", "Alert " + n).containsEntry("n", (long) n);
            assertThat((String) event.get("timestamp")).matches(ISO_MILLIS_UTC);
        }
        assertThat(page.seqs("alerts")).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(page.frames("alert")).isEqualTo(5);
        assertThat(page.frames("batch")).isZero();
        assertThat(page.clientErrors()).isEmpty();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void aThrottledTopicArrivesUnpackedSoTheHandlerSeesSingleEvents(RealtimeHub hub) {
        ClientPage page = ClientPage.open(browser, hub.httpUri(), "topics=logs");
        awaitSubscribed(page, "logs");

        // One burst, well inside one 100 ms window: the first goes out at once, the rest in batch frames.
        int total = 25;
        for (int n = 1; n <= total; n++) {
            hub.publish("logs", Publication.of("log", Map.of("level", "INFO", "message", "line " + n,
                    "module", "e2e"))).join();
        }

        awaitEvents(page, "logs", total);
        List<Map<String, Object>> events = page.events("logs");
        assertThat(page.seqs("logs")).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        for (int i = 0; i < total; i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> event = (Map<String, Object>) events.get(i).get("event");
            assertThat(event).containsEntry("type", "log").containsEntry("topic", "logs")
                    .containsEntry("message", "line " + (i + 1)).doesNotContainKeys("items", "count");
        }
        assertThat(page.frames("batch")).as("the hub merged the burst into batch frames").isPositive();
        assertThat(page.frames("log")).as("single log frames").isLessThan(total);
        assertThat(page.clientErrors()).isEmpty();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void reconnectsByItselfAfterTheNetworkIsCutAndGetsEveryEventExactlyOnce(RealtimeHub hub) {
        try (CuttableProxy proxy = CuttableProxy.toLoopbackPort(hub.port());
             SteadyPublisher publisher = new SteadyPublisher(hub, "alerts")) {
            // The page comes through the proxy too, so that its origin is the one the WebSocket connects to.
            URI viaProxy = URI.create("http://127.0.0.1:" + proxy.port());
            ClientPage page = ClientPage.open(browser, viaProxy,
                    "topics=alerts&reconnectBaseMs=100&ws=ws://127.0.0.1:" + proxy.port() + "/api/ws/realtime");
            awaitSubscribed(page, "alerts");

            publisher.start();
            awaitEvents(page, "alerts", 10);

            int connectionsBefore = proxy.acceptedConnections();
            proxy.cut();
            await().atMost(PATIENCE).until(() -> page.states().stream()
                    .anyMatch(s -> "disconnected".equals(s.get("state"))));
            long atCut = publisher.published();
            // The client tries again by itself; the cut network holds that attempt ...
            await().atMost(PATIENCE).until(() -> "connecting".equals(page.status())
                    && proxy.acceptedConnections() > connectionsBefore);
            // ... while events keep coming ...
            await().atMost(PATIENCE).until(() -> publisher.published() >= atCut + 20);
            assertThat(page.status()).isEqualTo("connecting");

            proxy.restore();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(page.status()).as(page.debug())
                    .isEqualTo("connected"));
            long atReconnect = publisher.published();
            // ... and while it recovers and after.
            await().atMost(PATIENCE).until(() -> publisher.published() >= atReconnect + 20);
            long last = publisher.stop();

            awaitEvents(page, "alerts", last);
            List<Long> expected = LongStream.rangeClosed(1, last).boxed().toList();
            assertThat(page.seqs("alerts")).as("every seq exactly once, in order").containsExactlyElementsOf(expected);
            assertThat(page.events("alerts")).<Object>extracting(e -> ((Map<?, ?>) e.get("event")).get("n"))
                    .as("the payloads in publishing order").containsExactlyElementsOf(expected);
            assertThat(page.stat("reconnectCount")).isEqualTo(1);
            assertThat(page.stat("recoveries")).isEqualTo(1);
            assertThat(page.recoveryFailures()).isEmpty();
            assertThat(page.states()).filteredOn(s -> "disconnected".equals(s.get("state")))
                    .extracting(s -> s.get("code")).containsExactly(1006L);
            browser.screenshot(SCREENSHOT);
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    void aHubRestartedOnTheSamePortIsANewEpochAndTheClientIsToldRecoveredFalse() {
        RealtimeHub first = RealtimeHub.builder().port(0).start();
        int port = first.port();
        ClientPage page;
        String oldEpoch;
        try {
            page = ClientPage.open(browser, first.httpUri(), "topics=alerts&drainDelayMaxMs=200&reconnectBaseMs=100");
            awaitSubscribed(page, "alerts");
            for (int n = 1; n <= 3; n++) {
                first.publish("alerts", alert(n)).join();
            }
            awaitEvents(page, "alerts", 3);
            oldEpoch = first.engine().position("alerts").epoch();
        } finally {
            first.close(); // 1001 to every client
        }

        try (RealtimeHub second = RealtimeHub.builder().port(port).start()) {
            String newEpoch = second.engine().position("alerts").epoch();
            assertThat(newEpoch).isNotEqualTo(oldEpoch);

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(page.recoveryFailures()).as(page.debug())
                    .hasSize(2));
            assertThat(page.recoveryFailures()).extracting(f -> f.get("via"))
                    .containsExactlyInAnyOrder("handler", "onRecoveryFailed");
            assertThat(page.recoveryFailures()).allSatisfy(failure -> assertThat(failure)
                    .containsEntry("topic", "alerts").containsEntry("recovered", false)
                    .containsEntry("reason", "epoch_changed").containsEntry("seq", 0L)
                    .containsEntry("epoch", newEpoch));
            assertThat(page.states()).filteredOn(s -> "disconnected".equals(s.get("state")))
                    .extracting(s -> s.get("code")).first().isEqualTo(1001L);

            // Seq 1 and 2 of the new epoch are new events, not duplicates of the old epoch's 1 and 2.
            second.publish("alerts", alert(4)).join();
            second.publish("alerts", alert(5)).join();
            awaitEvents(page, "alerts", 5);
            assertThat(page.events("alerts")).extracting(e -> e.get("seq"), e -> e.get("epoch")).containsExactly(
                    tuple(1L, oldEpoch), tuple(2L, oldEpoch), tuple(3L, oldEpoch),
                    tuple(1L, newEpoch), tuple(2L, newEpoch));
            assertThat(page.stat("recoveries")).isZero();
            // While the hub was down a reconnect attempt may have been refused; Chromium itself logs that as an error.
            String refused = "WebSocket connection to '" + second.webSocketUri()
                    + "' failed: Error in connection establishment: net::ERR_CONNECTION_REFUSED";
            assertThat(browser.consoleErrors()).filteredOn(message -> !message.endsWith(refused)).isEmpty();
        }
    }

    /** Waits until the page's handler for {@code topic} has seen at least {@code count} events. */
    private static void awaitEvents(ClientPage page, String topic, long count) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(page.seqs(topic)).as(page.debug())
                .hasSizeGreaterThanOrEqualTo((int) count));
    }

    /** Waits for the hub's reply to the page's subscribe: only events published after it are the page's to get. */
    private static void awaitSubscribed(ClientPage page, String topic) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(page.subscriptionReplies()).as(page.debug())
                .anySatisfy(reply -> assertThat(reply).containsEntry("topic", topic).containsEntry("success", true)));
    }

    private static Publication alert(long n) {
        return Publication.of("alert", Map.of("alert_type", "e2e", "title", "Alert " + n, "message", "number " + n,
                "severity", "info", "n", n));
    }

    /** Publishes alert 1, 2, 3, … on one topic every 5 ms from its own thread until stopped. */
    private static final class SteadyPublisher implements AutoCloseable {
        private final RealtimeHub hub;
        private final String topic;
        private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong published = new AtomicLong();

        SteadyPublisher(RealtimeHub hub, String topic) {
            this.hub = hub;
            this.topic = topic;
        }

        void start() {
            thread.scheduleWithFixedDelay(() -> {
                long n = published.get() + 1;
                hub.publish(topic, alert(n)).join();
                published.set(n);
            }, 0, 5, TimeUnit.MILLISECONDS);
        }

        long published() {
            return published.get();
        }

        /** Stops after the publish in progress; returns how many were published. */
        long stop() {
            thread.shutdown();
            try {
                assertThat(thread.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return published.get();
        }

        @Override
        public void close() {
            thread.shutdownNow();
        }
    }
}
