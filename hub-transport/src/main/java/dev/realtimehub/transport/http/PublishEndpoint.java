package dev.realtimehub.transport.http;

import dev.realtimehub.core.api.BackpressureException;
import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.api.PublishException;
import dev.realtimehub.core.protocol.PublishRequests;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/publish}: one event or an array of them; answers {@code {"seqs":[…]}} once the broker accepted them
 * all, or a JSON error (400 bad input, 503 broker unavailable) and publishes nothing when the input is bad.
 */
public final class PublishEndpoint implements HttpEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(PublishEndpoint.class);

    private final HubEngine hub;
    /** Whether publishes are failing: only the first failure of an outage is logged above DEBUG. */
    private final AtomicBoolean failing = new AtomicBoolean();

    public PublishEndpoint(HubEngine hub) {
        this.hub = hub;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!HttpMethod.POST.equals(request.method())) {
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, "Use POST");
            return;
        }
        List<PublishRequests.Request> events;
        try {
            events = PublishRequests.parse(JsonBodies.read(request), hub.topics());
        } catch (JsonBodies.BadBody | PublishException e) {
            LOG.debug("bad publish: {}", e.getMessage());
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, e.getMessage());
            return;
        }
        @SuppressWarnings("unchecked")
        CompletableFuture<Long>[] seqs = new CompletableFuture[events.size()];
        for (int i = 0; i < seqs.length; i++) {
            PublishRequests.Request event = events.get(i);
            seqs[i] = hub.publish(event.topic(), event.publication());
        }
        CompletableFuture.allOf(seqs).whenComplete((ignored, failure) -> {
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof BackpressureException) {
                LOG.debug("publish held back: {}", cause.getMessage());
                HttpResponses.error(ctx, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "Publish refused: " + cause.getMessage() + " (events of an array before this one may have been"
                                + " accepted: retry with the same event ids to stay idempotent)",
                        Map.of("Retry-After", "1"));
                return;
            }
            if (failure != null) {
                // one line per outage, not one per request
                if (failing.compareAndSet(false, true)) {
                    LOG.warn("publish failed: {} (further failures at DEBUG until a publish succeeds)",
                            failure.toString());
                } else if (LOG.isDebugEnabled()) {
                    LOG.debug("publish failed: {}", failure.toString());
                }
                HttpResponses.error(ctx, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "Publish failed: the broker is unavailable; retry (with the same event ids to stay idempotent)",
                        Map.of("Retry-After", "1"));
                return;
            }
            if (failing.compareAndSet(true, false)) {
                LOG.info("publishing works again");
            }
            long[] result = new long[seqs.length];
            for (int i = 0; i < seqs.length; i++) {
                result[i] = seqs[i].join();
            }
            HttpResponses.json(ctx, keepAlive, HttpResponseStatus.OK, Map.of("seqs", result));
        });
    }
}
