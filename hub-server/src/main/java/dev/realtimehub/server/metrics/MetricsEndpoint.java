package dev.realtimehub.server.metrics;

import dev.realtimehub.transport.http.HttpEndpoint;
import dev.realtimehub.transport.http.HttpResponses;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics}: the registry in the Prometheus text format (0.0.4), or OpenMetrics when the scraper asks for it
 * in {@code Accept}. The scrape runs on the metrics thread, not on the event loop, and the answer is written from there.
 */
final class MetricsEndpoint implements HttpEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String OPEN_METRICS = "application/openmetrics-text";
    private static final String OPEN_METRICS_FORMAT = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final Executor executor;

    MetricsEndpoint(PrometheusMeterRegistry registry, Executor executor) {
        this.registry = registry;
        this.executor = executor;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!HttpMethod.GET.equals(request.method())) {
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, "Use GET");
            return;
        }
        String accept = request.headers().get(HttpHeaderNames.ACCEPT, "");
        String contentType = accept.contains(OPEN_METRICS) ? OPEN_METRICS_FORMAT : TEXT_FORMAT;
        try {
            executor.execute(() -> scrape(ctx, keepAlive, contentType));
        } catch (RejectedExecutionException e) {
            HttpResponses.error(ctx, false, HttpResponseStatus.SERVICE_UNAVAILABLE, "The hub is shutting down");
        }
    }

    private void scrape(ChannelHandlerContext ctx, boolean keepAlive, String contentType) {
        String text;
        try {
            text = registry.scrape(contentType);
        } catch (RuntimeException e) {
            LOG.warn("metrics scrape failed", e);
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.INTERNAL_SERVER_ERROR, "Metrics unavailable");
            return;
        }
        HttpResponses.send(ctx, keepAlive, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)), contentType);
    }
}
