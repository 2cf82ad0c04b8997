package dev.realtimehub.core.api;

import dev.realtimehub.core.broker.MemoryBroker;
import dev.realtimehub.core.bus.EventBus;
import dev.realtimehub.core.bus.EventRoutes;
import dev.realtimehub.core.connection.Connection;
import dev.realtimehub.core.connection.ConnectionRegistry;
import dev.realtimehub.core.connection.SubscriptionService;
import dev.realtimehub.core.delivery.LaneOutbox;
import dev.realtimehub.core.delivery.TopicDispatcher;
import dev.realtimehub.core.internal.Ids;
import dev.realtimehub.core.protocol.ProtocolHandler;
import dev.realtimehub.core.protocol.Replies;
import dev.realtimehub.core.spi.Broker;
import dev.realtimehub.core.spi.Clock;
import dev.realtimehub.core.spi.Scheduler;
import dev.realtimehub.core.spi.Session;
import dev.realtimehub.core.topics.TopicCatalog;
import dev.realtimehub.core.topics.TopicConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The hub's engine, free of any transport: topics, publishing, subscriptions, delivery and the protocol.
 *
 * <p>Thread-safe: {@link #publish} from any thread; the connection methods ({@link #open}, {@link #onText},
 * {@link #onClosed}) on the session's lane. The transport owns the sockets and calls in; core calls back only through
 * {@link Session}. Application code publishes through {@link #broadcasts()} and {@link #eventBus()}, both thread-safe.
 */
public final class Hub implements Publisher, AutoCloseable {

    /** The topic every new connection is subscribed to. */
    public static final String DEFAULT_TOPIC = "stats";

    private final String nodeId;
    private final Clock clock;
    private final Broker broker;
    private final TopicCatalog catalog;
    private final TopicDispatcher[] dispatchers;
    private final ConnectionRegistry registry;
    private final SubscriptionService subscriptions;
    private final ProtocolHandler protocol;
    private final Broadcasts broadcasts;
    private final EventBus eventBus;
    private volatile boolean closed;

    private Hub(Builder builder) {
        this.nodeId = builder.nodeId != null ? builder.nodeId : Ids.random(48);
        this.clock = builder.clock;
        this.broker = builder.broker != null ? builder.broker : new MemoryBroker(clock);
        this.catalog = TopicCatalog.withDefaults(builder.topics.values());
        builder.eventRoutes.requireTopics(topic -> catalog.indexOf(topic) >= 0);
        this.dispatchers = new TopicDispatcher[catalog.size()];
        for (int i = 0; i < dispatchers.length; i++) {
            dispatchers[i] = new TopicDispatcher(catalog.get(i), i, clock, builder.scheduler);
        }
        this.registry = new ConnectionRegistry(catalog.size());
        this.subscriptions = new SubscriptionService(catalog, dispatchers, broker);
        this.protocol = new ProtocolHandler(subscriptions);
        this.broadcasts = new Broadcasts(this);
        this.eventBus = new EventBus(this, builder.eventRoutes);
        broker.start(event -> dispatchers[catalog.indexOf(event.topic())].onEvent(event));
    }

    /** Starts building a hub. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Publishes an event on {@code topic}; any thread.
     *
     * @return the seq assigned, once the broker accepted the event
     * @throws PublishException for an unknown topic
     */
    @Override
    public CompletableFuture<Long> publish(String topic, Publication publication) {
        Objects.requireNonNull(publication, "publication");
        int index = catalog.indexOf(topic);
        if (index < 0) {
            throw new PublishException("Unknown topic: " + topic);
        }
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("hub is closed"));
        }
        return broker.publish(catalog.get(index), publication).thenApply(Event::seq);
    }

    /** The broadcast helpers of the old system, publishing on this hub; any thread. */
    public Broadcasts broadcasts() {
        return broadcasts;
    }

    /** The in-process event bus, forwarding events to this hub's topics along its routes; any thread. */
    public EventBus eventBus() {
        return eventBus;
    }

    /** Whether {@code topic} exists. */
    public boolean hasTopic(String topic) {
        return catalog.indexOf(topic) >= 0;
    }

    /** Registers a new connection, sends its {@code connected} frame and subscribes it to {@value #DEFAULT_TOPIC}. */
    public Connection open(Session session, String userId) {
        Connection connection = registry.register(session, userId, clock.millis());
        connection.send(Replies.connected(connection.id(), catalog.names(), nodeId, clock.millis()));
        subscriptions.subscribeSilently(connection, DEFAULT_TOPIC);
        return connection;
    }

    /** Handles a text frame from {@code connection}. */
    public void onText(Connection connection, String text) {
        protocol.onText(connection, text);
    }

    /** Handles a binary frame from {@code connection}. */
    public void onBinary(Connection connection) {
        protocol.onBinary(connection);
    }

    /** Forgets a connection the transport saw close; it leaves every topic at once. */
    public void onClosed(Connection connection) {
        if (registry.remove(connection)) {
            subscriptions.leaveAll(connection);
        }
    }

    /** This node's id. */
    public String nodeId() {
        return nodeId;
    }

    /** The topics this hub serves. */
    public TopicCatalog topics() {
        return catalog;
    }

    /** The open connections. */
    public ConnectionRegistry connections() {
        return registry;
    }

    /** The broker behind this hub. */
    public Broker broker() {
        return broker;
    }

    /** A snapshot of the hub's figures. */
    public HubStats stats() {
        List<HubStats.TopicStats> topics = new ArrayList<>(dispatchers.length);
        for (TopicDispatcher dispatcher : dispatchers) {
            TopicConfig config = dispatcher.config();
            Broker.TopicPosition position = broker.position(config.name());
            var s = dispatcher.stats();
            topics.add(new HubStats.TopicStats(config.name(), config.policy().configName(),
                    dispatcher.subscriberCount(), position.seq(), position.epoch(), broker.historySize(config.name()),
                    s.published(), s.throttled(), s.merged(), s.conflated(), s.frames()));
        }
        return new HubStats(nodeId, registry.size(), topics);
    }

    /**
     * Frames handed to connections since the hub started, summed over every lane: the hub's "events out" (a batch frame
     * counts once per recipient). Any thread; cheap enough to read once a second.
     */
    public long framesOut() {
        long total = 0;
        for (LaneOutbox outbox : registry.outboxes()) {
            total += outbox.offered();
        }
        return total;
    }

    /** Sends what every throttling window holds now, so nothing waits in a window at shutdown. */
    public void flushWindows() {
        for (TopicDispatcher dispatcher : dispatchers) {
            dispatcher.flushWindow();
        }
    }

    /**
     * Stops accepting publishes and flushes every window; the transport then closes the connections. Idempotent.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            flushWindows();
            broker.close();
        }
    }

    /** Builds a {@link Hub}; not thread-safe. */
    public static final class Builder {
        private final Map<String, TopicConfig> topics = new LinkedHashMap<>();
        private String nodeId;
        private Clock clock = Clock.system();
        private Scheduler scheduler;
        private Broker broker;
        private EventRoutes eventRoutes = EventRoutes.defaults();

        private Builder() {
        }

        /** Adds a topic, or replaces the built-in one of the same name. */
        public Builder topic(TopicConfig topic) {
            topics.put(topic.name(), topic);
            return this;
        }

        /** Adds or replaces several topics. */
        public Builder topics(Iterable<TopicConfig> values) {
            values.forEach(this::topic);
            return this;
        }

        /** Sets this node's id (random by default). */
        public Builder nodeId(String value) {
            this.nodeId = value;
            return this;
        }

        /** Sets the clock (the system clock by default). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Sets the scheduler that closes throttling windows (required). */
        public Builder scheduler(Scheduler value) {
            this.scheduler = Objects.requireNonNull(value, "scheduler");
            return this;
        }

        /** Sets the broker (a {@link MemoryBroker} by default). */
        public Builder broker(Broker value) {
            this.broker = Objects.requireNonNull(value, "broker");
            return this;
        }

        /** Sets the event bus routes ({@link EventRoutes#defaults()} by default); every topic must exist. */
        public Builder eventRoutes(EventRoutes value) {
            this.eventRoutes = Objects.requireNonNull(value, "eventRoutes");
            return this;
        }

        /**
         * The hub, ready for connections and publishes.
         *
         * @throws IllegalArgumentException if an event route names an unknown topic
         */
        public Hub build() {
            if (scheduler == null) {
                throw new IllegalStateException("scheduler must be set");
            }
            return new Hub(this);
        }
    }
}
