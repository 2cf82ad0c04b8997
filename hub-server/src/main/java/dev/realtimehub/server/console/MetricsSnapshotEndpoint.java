package dev.realtimehub.server.console;

import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.transport.http.HttpEndpoint;
import dev.realtimehub.transport.http.HttpResponses;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code GET /api/metrics}: {@code {"samples":[…],"seq":N,"epoch":"…"}}, the {@code metrics} events of the last ten
 * minutes from every node, as subscribers receive them; a dashboard fills its charts from it and then subscribes with
 * {@code since = seq}. Stateless; any thread. Open to every reader unless the topic has roles (see
 * {@link TopicReadAccess}).
 */
public final class MetricsSnapshotEndpoint implements HttpEndpoint {

    /** How far back the samples reach. */
    public static final long WINDOW_MS = 10 * 60 * 1000;

    private final HubEngine hub;
    private final TopicReadAccess access;
    private final LongSupplier clock;

    MetricsSnapshotEndpoint(HubEngine hub, TopicReadAccess access) {
        this(hub, access, System::currentTimeMillis);
    }

    /** An endpoint that measures the ten minutes with {@code clock} (epoch milliseconds). */
    MetricsSnapshotEndpoint(HubEngine hub, TopicReadAccess access, LongSupplier clock) {
        this.hub = hub;
        this.access = access;
        this.clock = clock;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!HttpMethod.GET.equals(request.method())) {
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, "Use GET");
            return;
        }
        long since = clock.getAsLong() - WINDOW_MS;
        SnapshotJson.reply(ctx, request, hub, access, MetricsSampler.TOPIC, "samples",
                event -> event.timestampMillis() >= since, Map.of());
    }
}
