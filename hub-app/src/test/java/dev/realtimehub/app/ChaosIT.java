package dev.realtimehub.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.bench.chaos.ChaosReport;
import dev.realtimehub.bench.chaos.ChaosRun;
import dev.realtimehub.bench.chaos.ChaosSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chaos scenario of hub-bench ({@code bench/run.sh chaos}) in the default build (issue 21 item 1; docs/GUIDE.md,
 * "Guarantees"), here because it runs the packaged hub jar of this module: three hubs over a
 * private Redis with its append-only file, 100 recovering clients (half WebSocket, half SSE) behind cutting proxies,
 * a publisher to every node, and 40 seconds of faults — a node SIGKILLed and restarted, Redis restarted, connections
 * cut, ~100 reconnects/s of churn, a publish burst. Every acknowledged event reaches every client once and in order
 * or the client is told; nothing refused is delivered; every client is back at the end; and every fault happened
 * (a run in which the faults did not happen proves nothing and fails). About 75 s on 2 cores.
 */
class ChaosIT {

    @Test
    void nothingAcknowledgedIsLostWhenNodesDieRedisRestartsAndClientsChurn() throws Exception {
        Path hubJar = Path.of(System.getProperty("hub.jar", "target/realtime-hub.jar"));
        assertThat(hubJar).as("the packaged hub (failsafe runs after package)").isRegularFile();
        // the run's hub and Redis logs, for a failure to be looked into
        Path out = Path.of("target/chaos");
        ChaosSettings settings = new ChaosSettings(hubJar, 3, 100, 40, 20, 600, 100, 0, out);

        ChaosReport report = new ChaosRun(settings).run();
        String json = report.toJson();
        System.out.println(json);

        assertThat(report.everyFaultHappened()).as("every kind of fault happened: %s", json).isTrue();
        assertThat(report.faults()).as("each proxy cut cut live connections: %s", json)
                .filteredOn(f -> f.kind().equals("proxy_cut")).hasSize(2)
                .allSatisfy(f -> assertThat((Integer) f.details().get("connections_cut")).isPositive());
        assertThat(report.faults()).as("the churn reached at least half the asked rate: %s", json)
                .filteredOn(f -> f.kind().equals("churn"))
                .allSatisfy(f -> assertThat((Double) f.details().get("per_s")).isGreaterThanOrEqualTo(50.0));
        assertThat(report.faults()).as("the burst was acknowledged in part at least: %s", json)
                .filteredOn(f -> f.kind().equals("burst"))
                .allSatisfy(f -> assertThat((Long) f.details().get("acknowledged")).isPositive());
        assertThat(report.acknowledged()).as("publishes acknowledged: %s", json).isPositive();
        assertThat(report.refused()).as("publishes refused while a node or Redis was down: %s", json).isPositive();
        assertThat(report.tally().delivered()).as("events delivered: %s", json).isPositive();
        assertThat(report.reconnects()).as("reconnects: %s", json).isPositive();

        assertThat(List.of(report.tally().missing(), report.tally().duplicated(), report.tally().outOfOrder(),
                report.tally().refusedButDelivered(), report.tally().seqMismatch(), report.tally().epochChanges(),
                report.seqReused(), (long) report.stillDisconnected()))
                .as("silent loss, duplicates, out of order, refused but delivered, seq mismatch, epoch changes,"
                        + " seqs reused, still disconnected: %s", json)
                .containsOnly(0L);
        assertThat(report.ok()).as(json).isTrue();
    }
}
