package dev.realtimehub.core.engine;

import dev.realtimehub.core.connection.ConnectionRegistry;
import dev.realtimehub.core.connection.RecoveryCounters;
import dev.realtimehub.core.connection.SlowConsumerCounters;
import dev.realtimehub.core.delivery.DeliveryStats;
import dev.realtimehub.core.delivery.FanOutBudget;
import dev.realtimehub.core.delivery.LaneCounters;
import dev.realtimehub.core.delivery.LaneOutbox;
import dev.realtimehub.core.delivery.LatencySnapshot;
import dev.realtimehub.core.delivery.TopicDispatcher;
import dev.realtimehub.core.topics.TopicCatalog;

/**
 * The hub's running counters, for metrics: read when scraped, never on the delivery path.
 *
 * <p>Topics are addressed by catalog index ({@link #topics()}). Per-lane figures are summed over every lane on each read.
 * Any thread; figures are close to current, not a consistent snapshot.
 */
public final class HubCounters {

    private final TopicCatalog catalog;
    private final TopicDispatcher[] dispatchers;
    private final ConnectionRegistry registry;
    private final RecoveryCounters recoveries;
    private final FanOutBudget budget;

    HubCounters(TopicCatalog catalog, TopicDispatcher[] dispatchers, ConnectionRegistry registry,
                RecoveryCounters recoveries, FanOutBudget budget) {
        this.catalog = catalog;
        this.dispatchers = dispatchers;
        this.registry = registry;
        this.recoveries = recoveries;
        this.budget = budget;
    }

    /** How many times the hub started holding publishers back (overload). */
    public long fanOutHolds() {
        return budget.holds();
    }

    /** Publishes refused after waiting the whole {@code publish.max-wait-ms} under overload. */
    public long fanOutRefusals() {
        return budget.refusals();
    }

    /** Delivery bytes queued for connections at the last sample, plus those not yet written. */
    public long fanOutQueuedBytes() {
        return budget.queuedBytes();
    }

    /** Whether publishes are held back now. */
    public boolean fanOutHolding() {
        return budget.isHolding();
    }

    /** The topics, in index order. */
    public TopicCatalog topics() {
        return catalog;
    }

    /** Open connections. */
    public int connections() {
        return registry.size();
    }

    /** Open connections of one transport ({@code websocket}, {@code sse}: its sessions' {@code transport()}). */
    public int connections(String transport) {
        return registry.size(transport);
    }

    /** Connections subscribed to topic {@code index} on this node. */
    public int subscribers(int index) {
        return dispatchers[index].subscriberCount();
    }

    /** The delivery counters of topic {@code index}: published, throttled, merged, conflated, frames. */
    public DeliveryStats topic(int index) {
        return dispatchers[index].stats();
    }

    /** Events of topic {@code index} written to connections, every lane summed (a batch of N counts N per connection). */
    public long delivered(int index) {
        long sum = 0;
        for (LaneOutbox outbox : registry.outboxes()) {
            sum += outbox.counters().delivered(index);
        }
        return sum;
    }

    /** JSON payload bytes written to connections, every lane summed. */
    public long bytesOut() {
        long sum = 0;
        for (LaneOutbox outbox : registry.outboxes()) {
            sum += outbox.counters().bytesOut();
        }
        return sum;
    }

    /** Recoveries (subscribes with {@code since}) by outcome. */
    public RecoveryCounters recoveries() {
        return recoveries;
    }

    /** Slow consumers degraded and disconnected. */
    public SlowConsumerCounters slowConsumers() {
        return registry.slowConsumers();
    }

    /** Publish-to-write latency of fan-out, every lane summed. */
    public LatencySnapshot publishToWrite() {
        long[] buckets = new long[LaneCounters.LATENCY_BOUNDS_NANOS.length + 1];
        long sum = 0;
        for (LaneOutbox outbox : registry.outboxes()) {
            sum += outbox.counters().addLatency(buckets);
        }
        return new LatencySnapshot(buckets, sum);
    }
}
