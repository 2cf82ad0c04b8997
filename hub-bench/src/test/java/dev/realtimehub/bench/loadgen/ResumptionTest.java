package dev.realtimehub.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a reconnecting client remembers, and the subscribe frame it comes back with. */
class ResumptionTest {

    private static final Audience.Subscription FLAT = new Audience.Subscription("bench", null, 0, 1);

    @Test
    void theFirstSubscribeIsPlainAndTheNextRecoversFromTheLastSeqSeen() {
        Resumption client = new Resumption(0, FLAT);
        assertThat(client.subscribeFrame()).isEqualTo("{\"action\":\"subscribe\",\"topic\":\"bench\"}");

        assertThat(client.subscribed("{\"type\":\"subscription\",\"topic\":\"bench\",\"success\":true,\"seq\":41,"
                + "\"epoch\":\"ig6emWXvLzg\"}")).isTrue();
        client.sawSeq(42);
        client.sawSeq(44);
        client.sawSeq(43); // a late one does not move it back

        assertThat(client.subscribeFrame())
                .isEqualTo("{\"action\":\"subscribe\",\"topic\":\"bench\",\"since\":44,\"epoch\":\"ig6emWXvLzg\"}");
        assertThat(client.subscribed("{\"type\":\"subscription\",\"topic\":\"bench\",\"success\":true,\"seq\":50,"
                + "\"epoch\":\"ig6emWXvLzg\",\"recovered\":true}")).isFalse();
    }

    @Test
    void aClientThatSawNothingRecoversFromTheSeqOfItsFirstSubscription() {
        Resumption client = new Resumption(0, FLAT);
        client.subscribed("{\"type\":\"subscription\",\"topic\":\"bench\",\"success\":true,\"seq\":7,\"epoch\":\"e\"}");

        assertThat(client.subscribeFrame()).contains("\"since\":7,\"epoch\":\"e\"");
    }

    @Test
    void aClientOfAFilteredChannelSubscribesAndRecoversWithItsFilter() {
        Resumption client = new Resumption(3, new Audience.Subscription("bench", "{\"f\":[\"v3\"]}", 3, 10));
        assertThat(client.subscribeFrame())
                .isEqualTo("{\"action\":\"subscribe\",\"topic\":\"bench\",\"filter\":{\"f\":[\"v3\"]}}");

        client.subscribed("{\"type\":\"subscription\",\"topic\":\"bench\",\"success\":true,\"seq\":5,\"epoch\":\"e\"}");
        assertThat(client.subscribeFrame()).isEqualTo("{\"action\":\"subscribe\",\"topic\":\"bench\","
                + "\"filter\":{\"f\":[\"v3\"]},\"since\":5,\"epoch\":\"e\"}");
        assertThat(client.tracker().owes(4)).isTrue();
        assertThat(client.tracker().owes(5)).isFalse();
    }

    @Test
    void readsTheHubSeqOfAnEventFrame() {
        assertThat(hubSeq("{\"type\":\"bench\",\"topic\":\"bench\",\"seq\":1234,\"bench_seq\":9}")).isEqualTo(1234);
        assertThat(hubSeq("{\"type\":\"bench\",\"topic\":\"bench\",\"bench_seq\":9}")).isEqualTo(-1);
    }

    private static long hubSeq(String frame) {
        ByteBuf buf = Unpooled.copiedBuffer(frame, StandardCharsets.UTF_8);
        try {
            return Resumption.hubSeq(buf, 0, buf.writerIndex());
        } finally {
            buf.release();
        }
    }
}
