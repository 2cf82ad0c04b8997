package dev.realtimehub.core.connection;

import dev.realtimehub.core.api.CloseCode;
import dev.realtimehub.core.spi.ConnectionInbound;
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
            ConnectionInbound connection = hub.gateway().open(new RecordingSession(lane), Identity.ANONYMOUS);
            connection.onText("{\"action\":\"subscribe\",\"topic\":\"logs\"}");
            connection.onText("{\"action\":\"subscribe\",\"topic\":\"rules\",\"since\":0}");
            assertThat(hub.connectionCount()).isEqualTo(1);
            connection.onClosed();
            connection.onClosed(); // a second report is harmless
        }
        assertThat(hub.connectionCount()).isZero();
        assertThat(hub.stats().topics()).extracting(HubStats.TopicStats::subscribers).containsOnly(0);
    }

    @Test
    void aClosedConnectionLeavesEveryTopicAtOnce() {
        ManualTime time = new ManualTime();
        HubEngine hub = HubEngine.builder().clock(time).scheduler(time).build();
        ConnectionInbound a = hub.gateway().open(new RecordingSession(new DirectLane()), Identity.ANONYMOUS);
        ConnectionInbound b = hub.gateway().open(new RecordingSession(new DirectLane()), Identity.ANONYMOUS);
        a.onText("{\"action\":\"subscribe\",\"topic\":\"alerts\"}");
        b.onText("{\"action\":\"subscribe\",\"topic\":\"alerts\"}");
        a.onClosed();
        assertThat(hub.stats().topics()).filteredOn(t -> t.name().equals("alerts"))
                .singleElement().extracting(HubStats.TopicStats::subscribers).isEqualTo(1);
        assertThat(hub.connectionCount()).isEqualTo(1);
        assertThat(hub.disconnectClient(a.clientId(), CloseCode.NORMAL, "gone")).as("a is forgotten").isZero();
        assertThat(hub.disconnectClient(b.clientId(), CloseCode.NORMAL, "bye")).as("b is still open").isEqualTo(1);
    }
}
