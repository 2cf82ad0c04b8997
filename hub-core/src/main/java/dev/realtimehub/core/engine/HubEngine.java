package dev.realtimehub.core.engine;

import dev.realtimehub.core.auth.Identity;
import dev.realtimehub.core.broker.MemoryBroker;
import dev.realtimehub.core.bus.EventBus;
import dev.realtimehub.core.bus.EventRoutes;
import dev.realtimehub.core.connection.Connection;
import dev.realtimehub.core.connection.ConnectionRegistry;
import dev.realtimehub.core.connection.SubscriptionService;
import dev.realtimehub.core.delivery.FanOutBudget;
import dev.realtimehub.core.delivery.TopicDispatcher;
import dev.realtimehub.core.health.DeliveryProbe;
import dev.realtimehub.core.util.Ids;
import dev.realtimehub.core.protocol.ProtocolHandler;
import dev.realtimehub.core.wire.Replies;
import dev.realtimehub.core.spi.Broker;
import dev.realtimehub.core.spi.BrokerListener;
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
import java.util.function.Predicate;
import java.util.concurrent.atomic.AtomicBoolean;
import dev.realtimehub.core.broadcast.Broadcasts;
import dev.realtimehub.core.api.CloseCode;
import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.api.HubStats;
import dev.realtimehub.core.api.Limits;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.api.PublishException;
import dev.realtimehub.core.api.Publisher;

/**
 * The hub's engine, free of any transport: topics, publishing, subscriptions, delivery and the protocol.
 *
 * <p>Thread-safe: {@link #publish} from any thread; the connection methods ({@link #open}, {@link #onText},
 * {@link #onClosed}) on the session's lane. The transport owns the sockets and calls in; core calls back only through
 * {@link Session}. Application code publishes through {@link #broadcasts()} and {@link #eventBus()}, both thread-safe.
 */
public final class HubEngine implements Publisher, AutoCloseable {

    /** Frames (one per lane and event) the lanes may hold queued before publishes wait; and how long they wait. */
    public static final long DEFAULT_MAX_QUEUED_FRAMES = 200_000;
    public static final long DEFAULT_MAX_WAIT_MS = 2_000;

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
    private final Limits limits;
    private final FanOutBudget budget;
    private final HubCounters counters;
    private final DeliveryProbe probe;
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Set once {@link #close} starts: publishes are refused from then on. */
    private volatile boolean closed;

    private HubEngine(Builder builder) {
        this.nodeId = builder.nodeId != null ? builder.nodeId : Ids.random(48);
        this.clock = builder.clock;
        this.broker = builder.broker != null ? builder.broker : new MemoryBroker(clock);
        this.catalog = TopicCatalog.withDefaults(builder.topics.values());
        if (catalog.indexOf(DeliveryProbe.TOPIC) >= 0) {
            throw new IllegalArgumentException("topics." + DeliveryProbe.TOPIC + ": the name is reserved for the hub's"
                    + " readiness probe");
        }
        builder.eventRoutes.requireTopics(topic -> catalog.indexOf(topic) >= 0);
        this.dispatchers = new TopicDispatcher[catalog.size()];
        for (int i = 0; i < dispatchers.length; i++) {
            dispatchers[i] = new TopicDispatcher(catalog.get(i), i, clock, builder.scheduler);
        }
        this.limits = builder.limits;
        this.budget = new FanOutBudget(builder.maxQueuedFrames, builder.maxWaitMs, builder.scheduler);
        this.registry = new ConnectionRegistry(catalog.size(), limits.outboundHardBytes(), budget);
        this.subscriptions = new SubscriptionService(catalog, dispatchers, broker, limits.maxSubscriptions());
        this.protocol = new ProtocolHandler(subscriptions);
        this.broadcasts = new Broadcasts(this);
        this.eventBus = new EventBus(this, builder.eventRoutes);
        this.counters = new HubCounters(catalog, dispatchers, registry, subscriptions.recoveries());
        this.probe = new DeliveryProbe(broker, nodeId, builder.scheduler);
        broker.start(new BrokerListener() {
            @Override
            public void onEvent(Event event) {
                onBrokerEvent(event);
            }

            @Override
            public void onEpochChange(String topic, String epoch) {
                restartTopic(topic);
            }
        });
        broker.subscribe(DeliveryProbe.TOPIC);
        for (TopicDispatcher dispatcher : dispatchers) {
            dispatcher.startAt(broker.position(dispatcher.config().name()).seq());
        }
    }

    /** The broker listener: probes go to the probe, events of topics this node does not know are ignored. */
    private void onBrokerEvent(Event event) {
        int index = catalog.indexOf(event.topic());
        if (index >= 0) {
            dispatchers[index].onEvent(event);
        } else if (DeliveryProbe.TOPIC.equals(event.topic())) {
            probe.onEvent(event);
        }
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
        TopicConfig config = catalog.get(index);
        // backpressure: an event is accepted only while the fan-out queues have room (or after waiting for it)
        return budget.room().thenCompose(ready -> broker.publish(config, publication));
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

    /**
     * Registers a new connection of {@code identity}, sends its {@code connected} frame (listing the topics it may
     * subscribe to) and subscribes it to {@value #DEFAULT_TOPIC} when it may.
     */
    public Connection open(Session session, Identity identity) {
        Connection connection = registry.register(session, identity, clock.millis());
        connection.send(Replies.connected(connection.id(), subscriptions.availableTopics(connection), nodeId,
                clock.millis()));
        subscriptions.subscribeSilently(connection, DEFAULT_TOPIC);
        return connection;
    }

    /** Handles a text frame from {@code connection}, within its inbound rate limit. */
    public void onText(Connection connection, String text) {
        if (withinRate(connection)) {
            protocol.onText(connection, text);
        }
    }

    /** Handles a binary frame from {@code connection}, within its inbound rate limit. */
    public void onBinary(Connection connection) {
        if (withinRate(connection)) {
            protocol.onBinary(connection);
        }
    }

    private boolean withinRate(Connection connection) {
        switch (connection.countInbound(clock.millis(), limits.framesPerSecond())) {
            case ACCEPT:
                return true;
            case WARN:
                connection.send(Replies.error("Rate limit exceeded: at most " + limits.framesPerSecond()
                        + " frames per second; frames are dropped"));
                return false;
            case CLOSE:
                connection.close(CloseCode.POLICY_VIOLATION, "inbound rate over " + limits.framesPerSecond() + "/s");
                return false;
            default:
                return false;
        }
    }

    /**
     * A topic's history started afresh (a new epoch): its subscribers are told to reconnect (1001), so they recover
     * with {@code since} and learn the new epoch instead of mistaking new seqs for old ones.
     */
    private void restartTopic(String topic) {
        int index = catalog.indexOf(topic);
        if (index < 0) {
            return;
        }
        dispatchers[index].startAt(0);
        disconnect(c -> c.isSubscribed(index), CloseCode.GOING_AWAY, "history of " + topic + " started afresh");
    }

    /** Called by the transport when {@code connection}'s outbound queue drained after a congestion (lane only). */
    public void onWritable(Connection connection) {
        subscriptions.resume(connection);
    }

    /**
     * Closes every connection that {@code match} selects with {@code code}; any thread.
     *
     * @return how many connections were told to close
     */
    public int disconnect(Predicate<Connection> match, CloseCode code, String reason) {
        int count = 0;
        for (Connection connection : registry.all()) {
            if (match.test(connection)) {
                connection.session().lane().execute(() -> connection.close(code, reason));
                count++;
            }
        }
        return count;
    }

    /** The per-connection limits in force. */
    public Limits limits() {
        return limits;
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

    /** The running counters, for metrics. */
    public HubCounters counters() {
        return counters;
    }

    /**
     * Checks end-to-end delivery: publishes a probe through the broker and completes when it came back, or unready once
     * {@code timeoutMs} passed or the hub is closed. Never blocks; completes normally in every case.
     */
    public CompletableFuture<DeliveryProbe.Result> checkDelivery(long timeoutMs) {
        if (closed) {
            return CompletableFuture.completedFuture(DeliveryProbe.Result.unready("the hub is closed"));
        }
        return probe.check(timeoutMs);
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
        if (closing.compareAndSet(false, true)) {
            closed = true;
            flushWindows();
            broker.close();
        }
    }

    /** Builds a {@link HubEngine}; not thread-safe. */
    public static final class Builder {
        private final Map<String, TopicConfig> topics = new LinkedHashMap<>();
        private String nodeId;
        private Clock clock = Clock.system();
        private Scheduler scheduler;
        private Broker broker;
        private Limits limits = Limits.DEFAULTS;
        private long maxQueuedFrames = DEFAULT_MAX_QUEUED_FRAMES;
        private long maxWaitMs = DEFAULT_MAX_WAIT_MS;
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

        /**
         * Bounds the fan-out queues: past {@code maxQueuedFrames} queued frames a publish waits up to {@code maxWaitMs}
         * for room, then fails with {@link BackpressureException} ({@code publish.max-queued-frames},
         * {@code publish.max-wait-ms}).
         */
        public Builder backpressure(long maxQueuedFrames, long maxWaitMs) {
            this.maxQueuedFrames = maxQueuedFrames;
            this.maxWaitMs = maxWaitMs;
            return this;
        }

        /** Sets the per-connection limits ({@link Limits#DEFAULTS} by default). */
        public Builder limits(Limits value) {
            this.limits = Objects.requireNonNull(value, "limits");
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
        public HubEngine build() {
            if (scheduler == null) {
                throw new IllegalStateException("scheduler must be set");
            }
            return new HubEngine(this);
        }
    }
}
