package dev.realtimehub.core.engine;

import dev.realtimehub.core.api.BackpressureException;
import dev.realtimehub.core.api.Limits;
import dev.realtimehub.core.broker.MemoryBroker;
import dev.realtimehub.core.bus.EventRoutes;
import dev.realtimehub.core.delivery.FanOutBudget;
import dev.realtimehub.core.spi.Broker;
import dev.realtimehub.core.spi.Clock;
import dev.realtimehub.core.spi.PresenceStore;
import dev.realtimehub.core.spi.Scheduler;
import dev.realtimehub.core.topics.TopicConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Builds a {@link HubEngine}; not thread-safe. */
public final class HubEngineBuilder {

    final Map<String, TopicConfig> topics = new LinkedHashMap<>();
    String nodeId;
    Clock clock = Clock.system();
    Scheduler scheduler;
    Broker broker;
    Limits limits = Limits.DEFAULTS;
    long maxQueuedBytes = FanOutBudget.MAX_QUEUED_BYTES.defaultValue();
    int maxChannels = dev.realtimehub.core.delivery.ChannelRegistry.MAX_CHANNELS.defaultValue();
    long maxWaitMs = FanOutBudget.MAX_WAIT_MS.defaultValue();
    EventRoutes eventRoutes = EventRoutes.defaults();
    PresenceStore presenceStore;

    HubEngineBuilder() {
    }

    /** Adds a topic, or replaces the built-in one of the same name. */
    public HubEngineBuilder topic(TopicConfig topic) {
        topics.put(topic.name(), topic);
        return this;
    }

    /** Adds or replaces several topics. */
    public HubEngineBuilder topics(Iterable<TopicConfig> values) {
        values.forEach(this::topic);
        return this;
    }

    /** Sets this node's id (random by default). */
    public HubEngineBuilder nodeId(String value) {
        this.nodeId = value;
        return this;
    }

    /** Sets the clock (the system clock by default). */
    public HubEngineBuilder clock(Clock value) {
        this.clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    /** Sets the scheduler that closes throttling windows (required). */
    public HubEngineBuilder scheduler(Scheduler value) {
        this.scheduler = Objects.requireNonNull(value, "scheduler");
        return this;
    }

    /**
     * Bounds the fan-out queues: while the lanes hold more than {@code maxQueuedBytes} delivery bytes, or the typical
     * connection has more than half the soft limit queued, a publish waits up to {@code maxWaitMs} for room, then fails
     * with {@link BackpressureException} ({@code publish.max-queued-bytes}, {@code publish.max-wait-ms}; see
     * {@link FanOutBudget}).
     */
    public HubEngineBuilder backpressure(long maxQueuedBytes, long maxWaitMs) {
        this.maxQueuedBytes = maxQueuedBytes;
        this.maxWaitMs = maxWaitMs;
        return this;
    }

    /** Bounds how many channels may exist on this node ({@code limits.max-channels}). */
    public HubEngineBuilder maxChannels(int value) {
        this.maxChannels = dev.realtimehub.core.delivery.ChannelRegistry.MAX_CHANNELS.check(value);
        return this;
    }

    /** Sets the per-connection limits ({@link Limits#DEFAULTS} by default). */
    public HubEngineBuilder limits(Limits value) {
        this.limits = Objects.requireNonNull(value, "limits");
        return this;
    }

    /** Sets the broker (a {@link MemoryBroker} by default). */
    public HubEngineBuilder broker(Broker value) {
        this.broker = Objects.requireNonNull(value, "broker");
        return this;
    }

    /** Sets the event bus routes ({@link EventRoutes#defaults()} by default); every topic must exist. */
    public HubEngineBuilder eventRoutes(EventRoutes value) {
        this.eventRoutes = Objects.requireNonNull(value, "eventRoutes");
        return this;
    }

    /** Sets where presence lives (a {@code MemoryPresenceStore} by default); the engine starts and closes it. */
    public HubEngineBuilder presenceStore(PresenceStore value) {
        this.presenceStore = Objects.requireNonNull(value, "presenceStore");
        return this;
    }

    /**
     * The engine, ready for connections and publishes.
     *
     * @throws IllegalArgumentException if an event route names an unknown topic
     */
    public HubEngine build() {
        if (scheduler == null) {
            throw new IllegalStateException("scheduler must be set");
        }
        return new HubEngine(this);
    }
}
