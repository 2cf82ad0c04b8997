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

    private static LoadGenSettings settings(String target, URI webSocketUri) {
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
                .threads(1)
                .build();
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
        assertThat(report.deliveriesPerSecond()).isEqualTo(d.deliveries() / 1.5);
        assertThat(d.disconnects()).isZero();
        assertThat(d.latencyMicros().getTotalCount()).isEqualTo(CONNECTIONS * measured);
        assertThat(report.deliveries().frames()).isEqualTo(CONNECTIONS * measured);
        assertThat(report.toJson())
                .contains("\"connections\":" + CONNECTIONS, "\"lost\":0", "\"duplicated\":0", "\"latency_ms\":{\"p50\":")
                .doesNotContain("\n");
    }
}
