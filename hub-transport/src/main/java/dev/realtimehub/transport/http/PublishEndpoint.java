package dev.realtimehub.transport.http;

import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.api.PublishException;
import dev.realtimehub.core.delivery.TopicLookup;
import dev.realtimehub.core.protocol.PublishRequests;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/publish}: one event or an array of them; answers {@code {"seqs":[…]}} once the broker accepted them
 * all, or a JSON error (400 bad input, 503 broker unavailable) and publishes nothing when the input is bad.
 */
public final class PublishEndpoint implements HttpEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(PublishEndpoint.class);

    private final HubEngine hub;
    private final BrokerFailures failures = new BrokerFailures(LOG, new BrokerFailures.Wording("publish", "publishing",
            "Publish refused: ", " (events of an array before this one may have been accepted: retry with the same"
                    + " event ids to stay idempotent)",
            "Publish failed: the broker is unavailable; retry (with the same event ids to stay idempotent)",
            "Publish outcome unknown: the connection to the broker broke after the event was sent, so it may have been"
                    + " accepted; retry with the same event ids to learn their seqs (without an id a retry may publish"
                    + " it twice)"));

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
        // channels first, so that past limits.max-channels nothing of the request is published
        for (int i = 0; i < events.size(); i++) {
            TopicLookup channel = hub.channels().resolve(events.get(i).topic(), true);
            if (!channel.ok()) {
                String reason = (events.size() > 1 ? "Event " + i + ": " : "") + channel.error()
                        + (events.size() > 1 ? " (nothing of this request was published)" : "");
                if (channel.limitReached()) {
                    HttpResponses.error(ctx, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE, reason,
                            Map.of("Retry-After", "5"));
                } else {
                    HttpResponses.error(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, reason);
                }
                return;
            }
        }
        @SuppressWarnings("unchecked")
        CompletableFuture<Long>[] seqs = new CompletableFuture[events.size()];
        for (int i = 0; i < seqs.length; i++) {
            PublishRequests.Request event = events.get(i);
            try {
                seqs[i] = hub.publish(event.topic(), event.publication());
            } catch (PublishException e) {
                seqs[i] = CompletableFuture.failedFuture(e); // a channel dropped since the check above
            }
        }
        CompletableFuture.allOf(seqs).whenComplete((ignored, failure) -> {
            if (failures.answered(ctx, keepAlive, failure)) {
                return;
            }
            long[] result = new long[seqs.length];
            for (int i = 0; i < seqs.length; i++) {
                result[i] = seqs[i].join();
            }
            HttpResponses.json(ctx, keepAlive, HttpResponseStatus.OK, Map.of("seqs", result));
        });
    }
}
