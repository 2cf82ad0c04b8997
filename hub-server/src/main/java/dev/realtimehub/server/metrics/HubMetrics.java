package dev.realtimehub.server.metrics;

import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.engine.HubCounters;
import dev.realtimehub.core.connection.RecoveryOutcome;
import dev.realtimehub.transport.HubServer;
import dev.realtimehub.core.spi.Transports;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Binds the hub's own figures to Micrometer as gauges and function counters over {@link HubCounters}: nothing is
 * counted on the delivery path here — core keeps plain per-lane counters, and every value is read (and summed over the
 * lanes) only when the registry is scraped.
 *
 * <p>Names as Prometheus shows them: {@code hub_connections}, {@code hub_connections_by_transport{transport}},
 * {@code hub_subscriptions{topic}},
 * {@code hub_events_published_total{topic}}, {@code hub_events_delivered_total{topic}},
 * {@code hub_events_throttled_total{topic}}, {@code hub_batch_merged_total{topic}}, {@code hub_conflated_total{topic}},
 * {@code hub_bytes_out_total}, {@code hub_recoveries_total{result}}, {@code hub_slow_consumers_total{action}},
 * {@code hub_auth_failures_total}. The publish-to-write histogram is {@link PublishToWriteHistogram}.
 */
public final class HubMetrics implements MeterBinder {

    private final HubCounters counters;
    private final HubServer server;

    /** Metrics of {@code hub}, with the handshake figures of {@code server}. */
    public HubMetrics(HubEngine hub, HubServer server) {
        this.counters = hub.counters();
        this.server = server;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        // the registry holds the state objects weakly: counters and server live as long as the hub does
        Gauge.builder("hub.connections", counters, HubCounters::connections)
                .description("Open connections on this node, every transport").register(registry);
        for (String transport : Transports.ALL) {
            Gauge.builder("hub.connections.by.transport", counters, c -> c.connections(transport))
                    .tag("transport", transport)
                    .description("Open connections on this node by transport (websocket, sse)").register(registry);
        }
        List<String> topics = counters.topics().names();
        for (int i = 0; i < topics.size(); i++) {
            int index = i;
            String topic = topics.get(i);
            Gauge.builder("hub.subscriptions", counters, c -> c.subscribers(index)).tag("topic", topic)
                    .description("Connections subscribed to the topic on this node").register(registry);
            counter(registry, "hub.events.published", topic, c -> c.topic(index).published(),
                    "Events of the topic this node received from the broker");
            counter(registry, "hub.events.delivered", topic, c -> c.delivered(index),
                    "Events of the topic written to connections (an event to N connections counts N)");
            counter(registry, "hub.events.throttled", topic, c -> c.topic(index).throttled(),
                    "Events held back in a throttling window instead of going out at once");
            counter(registry, "hub.batch.merged", topic, c -> c.topic(index).merged(),
                    "Events sent inside batch frames");
            counter(registry, "hub.conflated", topic, c -> c.topic(index).conflated(),
                    "Events replaced by a newer one with the same key before they were sent");
        }
        FunctionCounter.builder("hub.bytes.out", counters, HubCounters::bytesOut)
                .description("JSON payload bytes written to WebSocket connections").register(registry);
        for (RecoveryOutcome outcome : RecoveryOutcome.values()) {
            FunctionCounter.builder("hub.recoveries", counters, c -> c.recoveries().get(outcome))
                    .tag("result", outcome.label())
                    .description("Subscribes with since (recoveries), by result").register(registry);
        }
        FunctionCounter.builder("hub.slow.consumers", counters, c -> c.slowConsumers().degraded())
                .tag("action", "degraded")
                .description("Slow consumers: degraded (skipping, then a gap or catch-up) or disconnected with 4008")
                .register(registry);
        FunctionCounter.builder("hub.slow.consumers", counters, c -> c.slowConsumers().disconnected())
                .tag("action", "disconnected")
                .description("Slow consumers: degraded (skipping, then a gap or catch-up) or disconnected with 4008")
                .register(registry);
        FunctionCounter.builder("hub.slow.consumers.stalled", counters, c -> c.slowConsumers().stalled())
                .description("Of the slow consumers disconnected with 4008, those that made no read progress for"
                        + " limits.stall-ms")
                .register(registry);
        FunctionCounter.builder("hub.publish.holds", counters, HubCounters::fanOutHolds)
                .description("Times the hub started holding publishers back because its subscribers as a whole lagged")
                .register(registry);
        FunctionCounter.builder("hub.publish.refused", counters, HubCounters::fanOutRefusals)
                .description("Publishes refused (503) after waiting publish.max-wait-ms under overload")
                .register(registry);
        Gauge.builder("hub.fanout.queued.bytes", counters, HubCounters::fanOutQueuedBytes)
                .description("Delivery bytes queued for connections and not yet on their sockets")
                .register(registry);
        FunctionCounter.builder("hub.auth.failures", server, HubServer::authFailures)
                .description("Connections refused for a missing, invalid or expired token or SSE ticket")
                .register(registry);
    }

    private void counter(MeterRegistry registry, String name, String topic, ToDoubleFunction<HubCounters> value,
                         String description) {
        FunctionCounter.builder(name, counters, value).tag("topic", topic).description(description).register(registry);
    }
}
