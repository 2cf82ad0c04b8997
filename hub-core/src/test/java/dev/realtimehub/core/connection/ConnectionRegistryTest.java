package dev.realtimehub.core.connection;

import dev.realtimehub.core.api.CloseCode;
import dev.realtimehub.core.api.Frame;
import dev.realtimehub.core.spi.Lane;
import dev.realtimehub.core.spi.Session;
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

    @Test
    void connectionsAreCountedByTransportAndASessionIdReachesTheConnectedFrame() {
        ManualTime time = new ManualTime();
        HubEngine hub = HubEngine.builder().clock(time).scheduler(time).build();
        RecordingSession plain = new RecordingSession(new DirectLane());
        RecordingSession streamed = new RecordingSession(new DirectLane());
        ConnectionInbound ws = hub.gateway().open(plain, Identity.ANONYMOUS);
        ConnectionInbound sse = hub.gateway().open(new SideChannelSession(streamed, "s-1"), Identity.ANONYMOUS);
        assertThat(plain.messages("connected")).singleElement().satisfies(c -> assertThat(c.has("session")).isFalse());
        assertThat(streamed.messages("connected")).singleElement()
                .satisfies(c -> assertThat(c.path("session").asText()).isEqualTo("s-1"));
        assertThat(hub.counters().connections("websocket")).isEqualTo(1);
        assertThat(hub.counters().connections("sse")).isEqualTo(1);
        assertThat(hub.counters().connections("other")).isZero();
        sse.onClosed();
        sse.onClosed(); // counted once
        assertThat(hub.counters().connections("sse")).isZero();
        assertThat(hub.counters().connections("websocket")).isEqualTo(1);
        ws.onClosed();
        assertThat(hub.counters().connections("websocket")).isZero();
    }

    /** A transport whose client sends on another channel, naming its session (as SSE does). */
    private record SideChannelSession(RecordingSession recording, String id) implements Session {
        @Override
        public Lane lane() {
            return recording.lane();
        }

        @Override
        public void write(Frame frame) {
            recording.write(frame);
        }

        @Override
        public void flush() {
            recording.flush();
        }

        @Override
        public void close(CloseCode code, String reason) {
            recording.close(code, reason);
        }

        @Override
        public String remoteAddress() {
            return recording.remoteAddress();
        }

        @Override
        public String sessionId() {
            return id;
        }

        @Override
        public String transport() {
            return "sse";
        }
    }
}
