package dev.realtimehub.transport.http;

import dev.realtimehub.core.api.PublishException;
import dev.realtimehub.core.bus.EventBus;
import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.protocol.EventRequests;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/events}: one event-bus event {@code {"event":NAME,"data":…}} or an array of them, each emitted with
 * {@link EventBus#emit} so it follows the hub's {@code bus.routes} and reaches the in-process listeners as a Java emit
 * does. Answers {@code {"topic":…,"seq":…}} for one event, {@code {"events":[{"topic":…,"seq":…},…]}} in request order
 * for an array, once the broker accepted them all; or a JSON error (400 bad input, 503 broker unavailable or held back)
 * and emits nothing when the input is bad.
 */
public final class EventsEndpoint implements HttpEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(EventsEndpoint.class);

    private final HubEngine hub;
    private final BrokerFailures failures = new BrokerFailures(LOG, new BrokerFailures.Wording("emit", "emitting",
            "Emit refused: ", " (events of an array before this one may have been emitted: a retry emits them again)",
            "Emit failed: the broker is unavailable; retry (events of an array the broker took before it failed stay"
                    + " emitted)",
            "Emit outcome unknown: the connection to the broker broke after the event was sent, so it may have been"
                    + " emitted; a retry may emit it twice"));

    public EventsEndpoint(HubEngine hub) {
        this.hub = hub;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!HttpMethod.POST.equals(request.method())) {
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, "Use POST");
            return;
        }
        boolean array;
        List<EventRequests.Request> events;
        try {
            var body = JsonBodies.read(request);
            array = body != null && body.isArray();
            events = EventRequests.parse(body);
        } catch (JsonBodies.BadBody | PublishException e) {
            LOG.debug("bad events: {}", e.getMessage());
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, e.getMessage());
            return;
        }
        EventBus bus = hub.eventBus();
        String[] topics = new String[events.size()];
        @SuppressWarnings("unchecked")
        CompletableFuture<Long>[] seqs = new CompletableFuture[events.size()];
        for (int i = 0; i < seqs.length; i++) {
            EventRequests.Request event = events.get(i);
            // the routes are immutable, so this is the topic emit publishes on
            topics[i] = bus.route(event.name()).topic();
            seqs[i] = bus.emit(event.name(), event.data());
        }
        CompletableFuture.allOf(seqs).whenComplete((ignored, failure) -> {
            if (failures.answered(ctx, keepAlive, failure)) {
                return;
            }
            List<Map<String, Object>> answers = new ArrayList<>(seqs.length);
            for (int i = 0; i < seqs.length; i++) {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("topic", topics[i]);
                answer.put("seq", seqs[i].join());
                answers.add(answer);
            }
            Object body = array ? Map.of("events", answers) : answers.get(0);
            HttpResponses.json(ctx, keepAlive, HttpResponseStatus.OK, body);
        });
    }
}
