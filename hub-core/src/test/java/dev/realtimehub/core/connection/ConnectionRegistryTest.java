package dev.realtimehub.core.connection;

import dev.realtimehub.core.auth.Identity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.api.HubStats;
import dev.realtimehub.core.testing.DirectLane;
import dev.realtimehub.core.testing.ManualTime;
import dev.realtimehub.core.testing.RecordingSession;
import org.junit.jupiter.api.Test;

class ConnectionRegistryTest {

    @Test
    void aThousandConnectDisconnectCyclesLeaveNothingBehind() {
        ManualTime time = new ManualTime();
        HubEngine hub = HubEngine.builder().clock(time).scheduler(time).build();
        DirectLane lane = new DirectLane();
        for (int i = 0; i < 1000; i++) {
            Connection connection = hub.open(new RecordingSession(lane), Identity.ANONYMOUS);
            hub.onText(connection, "{\"action\":\"subscribe\",\"topic\":\"logs\"}");
            hub.onText(connection, "{\"action\":\"subscribe\",\"topic\":\"rules\",\"since\":0}");
            assertThat(hub.connections().size()).isEqualTo(1);
            hub.onClosed(connection);
            hub.onClosed(connection); // a second report is harmless
        }
        assertThat(hub.connections().size()).isZero();
        assertThat(hub.stats().topics()).extracting(HubStats.TopicStats::subscribers).containsOnly(0);
    }

    @Test
    void aClosedConnectionLeavesEveryTopicAtOnce() {
        ManualTime time = new ManualTime();
        HubEngine hub = HubEngine.builder().clock(time).scheduler(time).build();
        Connection a = hub.open(new RecordingSession(new DirectLane()), Identity.ANONYMOUS);
        Connection b = hub.open(new RecordingSession(new DirectLane()), Identity.ANONYMOUS);
        hub.onText(a, "{\"action\":\"subscribe\",\"topic\":\"alerts\"}");
        hub.onText(b, "{\"action\":\"subscribe\",\"topic\":\"alerts\"}");
        hub.onClosed(a);
        assertThat(hub.stats().topics()).filteredOn(t -> t.name().equals("alerts"))
                .singleElement().extracting(HubStats.TopicStats::subscribers).isEqualTo(1);
        assertThat(hub.connections().get(a.id())).isNull();
        assertThat(hub.connections().get(b.id())).isSameAs(b);
    }
}
