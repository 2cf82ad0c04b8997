package dev.realtimehub.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.bench.ceiling.CeilingServer;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.RealtimeHub;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A few seconds of real load against a real hub and the ceiling server, in process: the load generator must establish
 * every connection, see every event on every connection exactly once, and report figures that add up. The publisher
 * has up to 256 requests in flight, so the server may take events out of publish order (out of order is not
 * asserted). (No timing is
 * asserted: a shared CI machine says nothing about speed.)
 */
@Timeout(120)
class LoadGeneratorSmokeTest {

    private static final int CONNECTIONS = 50;
    private static final double RATE = 100;

    @Test
    void hubDeliversEveryEventToEveryConnectionOnce() throws Exception {
        try (RealtimeHub hub = RealtimeHub.builder().port(0).topic(TopicConfig.builder("bench").build()).start()) {
            LoadReport report = LoadGenerator.run(settings("hub", hub.webSocketUri()));
            assertEveryEventDeliveredOnce(report);
        }
    }

    @Test
    void ceilingDeliversEveryEventToEveryConnectionOnce() throws Exception {
        try (CeilingServer ceiling = CeilingServer.start("127.0.0.1", 0, 1)) {
            LoadReport report = LoadGenerator.run(settings("ceiling",
                    URI.create("ws://127.0.0.1:" + ceiling.port() + "/api/ws/realtime")));
            assertEveryEventDeliveredOnce(report);
        }
    }

    @Test
    void hubDeliversEachEventOfAChannelToThatChannelsSubscribersOnly() throws Exception {
        try (RealtimeHub hub = RealtimeHub.builder().port(0)
                .topic(TopicConfig.builder("bench").channels(true).build()).start()) {
            // 50 connections on 5 channels: 10 subscribers each, events round-robin over the channels
            LoadReport report = LoadGenerator.run(builder("hub", hub.webSocketUri()).channels(5).indexOffset(3)
                    .build());
            assertEachEventDeliveredToItsAudienceOnce(report, 5);
            assertThat(report.toJson()).contains("\"channels\":5", "\"index_offset\":3", "\"misrouted\":0");
        }
    }

    @Test
    void hubDeliversEachEventToTheSubscribersWhoseFilterItMatchesOnly() throws Exception {
        try (RealtimeHub hub = RealtimeHub.builder().port(0).topic(TopicConfig.builder("bench").build()).start()) {
            // 50 connections with 10 distinct filters: 5 subscribers each
            LoadReport report = LoadGenerator.run(builder("hub", hub.webSocketUri()).filters(10).build());
            assertEachEventDeliveredToItsAudienceOnce(report, 10);
            assertThat(report.toJson()).contains("\"filters\":10", "\"misrouted\":0");
        }
    }

    @Test
    void aServerIgnoringTheFilterShowsAsMisroutedNotAsDeliveries() throws Exception {
        // the ceiling has no filters: every connection gets every event, 4 of 5 of which are not its own
        try (CeilingServer ceiling = CeilingServer.start("127.0.0.1", 0, 1)) {
            LoadReport report = LoadGenerator.run(builder("ceiling",
                    URI.create("ws://127.0.0.1:" + ceiling.port() + "/api/ws/realtime")).filters(5).build());
            long events = Math.round(2.0 * RATE);
            long measured = Math.round(1.5 * RATE);
            assertThat(report.deliveries().misrouted()).isEqualTo(CONNECTIONS * events * 4 / 5);
            assertThat(report.lost()).isZero();
            assertThat(report.expectedDeliveries()).isEqualTo(CONNECTIONS * measured / 5);
            assertThat(report.deliveries().latencyMicros().getTotalCount()).isEqualTo(CONNECTIONS * measured / 5);
        }
    }

    private static void assertEachEventDeliveredToItsAudienceOnce(LoadReport report, int slots) {
        long measured = Math.round(1.5 * RATE);
        int perSlot = CONNECTIONS / slots;
        assertThat(report.connections()).isEqualTo(CONNECTIONS);
        assertThat(report.published()).isEqualTo(Math.round(2.0 * RATE));
        assertThat(report.publish().refused()).isZero();
        assertThat(report.lost()).isZero();
        assertThat(report.duplicated()).isZero();
        Deliveries d = report.deliveries();
        assertThat(d.misrouted()).isZero();
        assertThat(d.neverDelivered()).isZero();
        // each measured event on the connections of its channel or filter value only
        assertThat(d.deliveries() + d.lateDeliveries()).isEqualTo(perSlot * measured)
                .isEqualTo(report.expectedDeliveries());
        assertThat(d.latencyMicros().getTotalCount()).isEqualTo(perSlot * measured);
        assertThat(d.gaps()).isZero();
        assertThat(d.disconnects()).isZero();
    }

    private static LoadGenSettings settings(String target, URI webSocketUri) {
        return builder(target, webSocketUri).build();
    }

    private static LoadGenSettings.Builder builder(String target, URI webSocketUri) {
        return LoadGenSettings.builder()
                .target(target)
                .webSocketUri(webSocketUri)
                .connections(CONNECTIONS)
                .rate(RATE)
                .payloadBytes(200)
                .warmupSeconds(0.5)
                .durationSeconds(1.5)
                .drainSeconds(5)
                .sourceAddresses(4)
                .threads(1);
    }

    private static void assertEveryEventDeliveredOnce(LoadReport report) {
        long measured = Math.round(1.5 * RATE);
        assertThat(report.connections()).isEqualTo(CONNECTIONS);
        assertThat(report.published()).isEqualTo(Math.round(2.0 * RATE));
        assertThat(report.settings().measuredEvents()).isEqualTo(measured);
        assertThat(report.publish().acked().cardinality()).isEqualTo(Math.round(2.0 * RATE));
        assertThat(report.publish().refused()).isZero();
        assertThat(report.lost()).isZero();
        assertThat(report.duplicated()).isZero();
        // every measured event on every connection, in the window or (on a busy machine) just after it
        Deliveries d = report.deliveries();
        assertThat(d.neverDelivered()).isZero();
        assertThat(d.deliveries() + d.lateDeliveries()).isEqualTo(CONNECTIONS * measured)
                .isEqualTo(report.expectedDeliveries());
        // what arrived while the window was open, whichever events: warm-up ones too on a machine running behind
        assertThat(report.deliveriesPerSecond()).isEqualTo(d.windowDeliveries() / 1.5);
        assertThat(d.disconnects()).isZero();
        assertThat(d.latencyMicros().getTotalCount()).isEqualTo(CONNECTIONS * measured);
        assertThat(report.deliveries().frames()).isEqualTo(CONNECTIONS * measured);
        assertThat(report.toJson())
                .contains("\"connections\":" + CONNECTIONS, "\"lost\":0", "\"duplicated\":0", "\"latency_ms\":{\"p50\":")
                .doesNotContain("\n");
    }
}
