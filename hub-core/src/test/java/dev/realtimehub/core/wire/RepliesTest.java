package dev.realtimehub.core.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepliesTest {

    private static final long NOW = 1_768_485_900_000L; // 2026-01-15T14:05:00.000Z

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    @Test
    void connectedWithoutASessionIsTheV1FrameByteForByte() {
        String v1 = "{\"type\":\"connected\",\"client_id\":\"c1\",\"available_topics\":[\"stats\",\"logs\"],"
                + "\"timestamp\":\"2026-01-15T14:05:00.000Z\",\"protocol\":1,\"node\":\"n1\"}";
        assertThat(text(Replies.connected("c1", List.of("stats", "logs"), "n1", NOW).json())).isEqualTo(v1);
        assertThat(text(Replies.connected("c1", List.of("stats", "logs"), "n1", NOW, null).json())).isEqualTo(v1);
    }

    @Test
    void connectedWithASessionNamesItLast() {
        assertThat(text(Replies.connected("c1", List.of(), "n1", NOW, "s-123").json())).isEqualTo(
                "{\"type\":\"connected\",\"client_id\":\"c1\",\"available_topics\":[],"
                        + "\"timestamp\":\"2026-01-15T14:05:00.000Z\",\"protocol\":1,\"node\":\"n1\",\"session\":\"s-123\"}");
    }

    @Test
    void disconnectCarriesTheCodeAndReason() {
        assertThat(text(Replies.disconnect(4008, "fell \"far\" behind").json()))
                .isEqualTo("{\"type\":\"disconnect\",\"code\":4008,\"reason\":\"fell \\\"far\\\" behind\"}");
        assertThat(text(Replies.disconnect(1000, null).json()))
                .isEqualTo("{\"type\":\"disconnect\",\"code\":1000,\"reason\":\"\"}");
    }
}
