package dev.realtimehub.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.util.Json;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.transport.base.HubSecurity;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /api/metrics} serves ten minutes of samples, measured with the endpoint's clock. */
class MetricsWindowTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withSettings(
            s -> s.metricsIntervalMs(60_000)); // no sample of the sampler's own during the test

    private static JsonNode get(MetricsSnapshotEndpoint endpoint) throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(new SimpleChannelInboundHandler<FullHttpRequest>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                endpoint.handle(ctx, request);
            }
        });
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/metrics"));
        FullHttpResponse response = channel.readOutbound();
        try {
            assertThat(response.status().code()).isEqualTo(200);
            return Json.mapper().readTree(response.content().toString(StandardCharsets.UTF_8));
        } finally {
            response.release();
            assertThat((Object) channel.readOutbound()).isNull();
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void samplesOlderThanTenMinutesAreLeftOutButTheSeqStillCoversThem(RealtimeHub hub) throws Exception {
        long seq = hub.publish("metrics", Publication.of("metrics", Map.of("source", "n1", "data", Map.of())))
                .join();
        long now = System.currentTimeMillis();

        JsonNode fresh = get(new MetricsSnapshotEndpoint(hub.engine(), new TopicReadAccess(HubSecurity.OPEN), () -> now));
        JsonNode later = get(new MetricsSnapshotEndpoint(hub.engine(), new TopicReadAccess(HubSecurity.OPEN), () -> now + MetricsSnapshotEndpoint.WINDOW_MS + 60_000));

        assertThat(fresh.path("samples")).hasSize(1);
        assertThat(later.path("samples")).isEmpty();
        assertThat(later.path("seq").asLong()).isEqualTo(seq);
    }
}
