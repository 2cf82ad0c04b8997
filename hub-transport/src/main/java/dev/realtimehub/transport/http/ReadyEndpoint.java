package dev.realtimehub.transport.http;

import dev.realtimehub.core.api.Setting;
import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.health.DeliveryProbe;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /health/ready}: readiness. A probe event is published on the internal topic through the broker (Redis when
 * configured) and must come back within the timeout: 200 {@code {"status":"ready","latency_ms":…,"broker":…}}, or 503
 * {@code {"status":"unready","reason":…}} when it does not (a broker that silently stopped delivering) or the broker
 * refuses it. The event loop never waits: the answer is written when the probe completes. (While the hub drains,
 * {@code HubDrainGate} answers 503 before this endpoint is reached.)
 */
public final class ReadyEndpoint implements HttpEndpoint {

    /** The bound on the probe's round trip. */
    public static final Setting<Long> TIMEOUT_MS = Setting.ofLong("health.ready-timeout-ms", 2_000, 1, 60_000);

    private final HubEngine hub;
    private final long timeoutMs;
    private final String brokerName;

    public ReadyEndpoint(HubEngine hub, long timeoutMs) {
        this.hub = hub;
        this.timeoutMs = TIMEOUT_MS.check(timeoutMs);
        this.brokerName = brokerName(hub.brokerName());
    }

    /** {@code MemoryBroker} → {@code memory}, {@code RedisBroker} → {@code redis}. */
    static String brokerName(String className) {
        String name = className.endsWith("Broker") && className.length() > "Broker".length()
                ? className.substring(0, className.length() - "Broker".length()) : className;
        return name.isEmpty() ? "unknown" : name.toLowerCase(Locale.ROOT);
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        hub.checkDelivery(timeoutMs).whenComplete((result, failure) -> {
            DeliveryProbe.Result outcome = failure == null ? result
                    : DeliveryProbe.Result.unready("probe failed: " + failure);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", outcome.ready() ? "ready" : "unready");
            if (outcome.ready()) {
                body.put("latency_ms", Math.round(outcome.latencyNanos() / 1_000.0) / 1_000.0);
            } else {
                body.put("reason", outcome.reason());
            }
            body.put("broker", brokerName);
            body.put("node", hub.nodeId());
            HttpResponses.json(ctx, keepAlive, outcome.ready() ? HttpResponseStatus.OK
                    : HttpResponseStatus.SERVICE_UNAVAILABLE, body);
        });
    }
}
