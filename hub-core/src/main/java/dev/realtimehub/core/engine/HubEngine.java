package dev.realtimehub.core.engine;

import dev.realtimehub.core.api.CloseCode;
import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.api.HubStats;
import dev.realtimehub.core.api.Limits;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.api.PublishException;
import dev.realtimehub.core.api.Publisher;
import dev.realtimehub.core.broadcast.Broadcasts;
import dev.realtimehub.core.broker.MemoryBroker;
import dev.realtimehub.core.bus.EventBus;
import dev.realtimehub.core.connection.ConnectionRegistry;
import dev.realtimehub.core.connection.PresenceRequests;
import dev.realtimehub.core.connection.SubscriptionService;
import dev.realtimehub.core.delivery.ChannelRegistry;
import dev.realtimehub.core.delivery.FanOutBudget;
import dev.realtimehub.core.delivery.TopicLookup;
import dev.realtimehub.core.api.ChannelLimitException;
import dev.realtimehub.core.delivery.TopicDispatcher;
import dev.realtimehub.core.health.DeliveryProbe;
import dev.realtimehub.core.history.HistorySlice;
import dev.realtimehub.core.presence.PresenceSnapshot;
import dev.realtimehub.core.presence.tracking.MemoryPresenceStore;
import dev.realtimehub.core.presence.tracking.PresenceRegistry;
import dev.realtimehub.core.spi.Broker;
import dev.realtimehub.core.spi.BrokerListener;
import dev.realtimehub.core.spi.Clock;
import dev.realtimehub.core.spi.TransportGateway;
import dev.realtimehub.core.topics.TopicCatalog;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.core.util.Ids;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The hub's engine, free of any transport: it wires topics, publishing, subscriptions, delivery and the protocol, and
 * is the API the hub's own HTTP endpoints and embedding applications publish and read through.
 *
 * <p>Thread-safe. A transport reaches connections only through {@link #gateway()}; core calls it back only through
 * its {@code Session}s. Application code publishes through {@link #publish}, {@link #broadcasts()} and
 * {@link #eventBus()}.
 */
public final class HubEngine implements Publisher, AutoCloseable {

    /** The topic every new connection is subscribed to. */
    public static final String DEFAULT_TOPIC = HubGateway.DEFAULT_TOPIC;

    private final String nodeId;
    private final Broker broker;
    private final TopicCatalog catalog;
    private final TopicDispatcher[] dispatchers;
    private final ChannelRegistry channels;
    private final ConnectionRegistry registry;
    private final HubGateway gateway;
    private final Broadcasts broadcasts;
    private final EventBus eventBus;
    private final Limits limits;
    private final FanOutBudget budget;
    private final HubCounters counters;
    private final DeliveryProbe probe;
    private final PresenceRegistry presence;
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Set once {@link #close} starts: publishes are refused from then on. */
    private volatile boolean closed;

    HubEngine(HubEngineBuilder builder) {
        this.nodeId = builder.nodeId != null ? builder.nodeId : Ids.random(48);
        Clock clock = builder.clock;
        this.broker = builder.broker != null ? builder.broker : new MemoryBroker(clock);
        this.catalog = TopicCatalog.withDefaults(builder.topics.values());
        if (catalog.indexOf(DeliveryProbe.TOPIC) >= 0) {
            throw new IllegalArgumentException("topics." + DeliveryProbe.TOPIC + ": the name is reserved for the hub's"
                    + " readiness probe");
        }
        builder.eventRoutes.requireTopics(topic -> catalog.refusal(topic) == null);
        this.dispatchers = new TopicDispatcher[catalog.size()];
        for (int i = 0; i < dispatchers.length; i++) {
            dispatchers[i] = new TopicDispatcher(catalog.get(i), i, clock, builder.scheduler);
        }
        this.limits = builder.limits;
        this.budget = new FanOutBudget(builder.maxQueuedBytes, builder.maxWaitMs, limits.outboundSoftBytes(), clock,
                builder.scheduler);
        this.registry = new ConnectionRegistry(catalog.size(), limits, budget);
        this.channels = new ChannelRegistry(catalog, dispatchers, broker, clock, builder.scheduler,
                builder.maxChannels);
        this.presence = new PresenceRegistry(this::presenceOptions,
                builder.presenceStore != null ? builder.presenceStore : new MemoryPresenceStore());
        SubscriptionService subscriptions = new SubscriptionService(catalog, channels, broker,
                limits.maxSubscriptions(), presence);
        this.gateway = new HubGateway(nodeId, clock, registry, subscriptions, new PresenceRequests(presence),
                limits.framesPerSecond());
        this.broadcasts = new Broadcasts(this);
        this.eventBus = new EventBus(this, builder.eventRoutes);
        this.counters = new HubCounters(catalog, dispatchers, registry, subscriptions.recoveries(), budget);
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
        presence.start(nodeId);
        for (TopicDispatcher dispatcher : dispatchers) {
            dispatcher.startAt(broker.position(dispatcher.config().name()).seq());
        }
    }

    /**
     * The topics an engine built with {@code declared} serves, plus the readiness probe's own: what a broker that must
     * know its topics before the engine exists (Redis) is given, so both see the same set.
     */
    public static List<TopicConfig> brokerTopics(Collection<TopicConfig> declared) {
        List<TopicConfig> topics = new ArrayList<>(TopicCatalog.withDefaults(declared).all());
        topics.add(DeliveryProbe.CONFIG);
        return topics;
    }

    /** Starts building an engine. */
    public static HubEngineBuilder builder() {
        return new HubEngineBuilder();
    }

    /** The broker listener: probes go to the probe, events of topics this node does not know are ignored. */
    private void onBrokerEvent(Event event) {
        // a channel this node does not hold has no subscriber here
        TopicDispatcher dispatcher = channels.existing(event.topic());
        if (dispatcher != null) {
            dispatcher.onEvent(event);
        } else if (DeliveryProbe.TOPIC.equals(event.topic())) {
            probe.onEvent(event);
        }
    }

    /**
     * A topic's history started afresh (a new epoch): its subscribers are told to reconnect (1001), so they recover
     * with {@code since} and learn the new epoch instead of mistaking new seqs for old ones. Called on a broker thread;
     * who is subscribed is decided on each connection's lane.
     */
    private void restartTopic(String topic) {
        TopicDispatcher dispatcher = channels.existing(topic);
        if (dispatcher == null) {
            return;
        }
        dispatcher.startAt(0);
        gateway.disconnectSubscribers(dispatcher.index(), CloseCode.GOING_AWAY, "history of " + topic
                + " started afresh");
    }

    /**
     * Publishes an event on {@code topic}; any thread.
     *
     * <p>{@code topic} may be a channel {@code ns:key} of a namespace declared with {@code channels: true}: it is
     * created if it does not exist yet, and the event goes to it alone, never to {@code ns}.
     *
     * @return the seq assigned, once the broker accepted the event
     * @throws PublishException for an unknown topic or namespace, a bad channel key, or when
     *     {@code limits.max-channels} channels exist ({@link ChannelLimitException})
     */
    @Override
    public CompletableFuture<Long> publish(String topic, Publication publication) {
        Objects.requireNonNull(publication, "publication");
        if (closed) {
            if (catalog.refusal(topic) != null) {
                throw new PublishException(catalog.refusal(topic));
            }
            return CompletableFuture.failedFuture(new IllegalStateException("hub is closed"));
        }
        TopicLookup lookup = channels.resolve(topic, true);
        if (!lookup.ok()) {
            throw lookup.limitReached() ? new ChannelLimitException(lookup.error()) : new PublishException(lookup.error());
        }
        TopicConfig config = lookup.dispatcher().config();
        // backpressure: an event is accepted only while the subscribers keep up (or after waiting until they do)
        return budget.room().thenCompose(ready -> closed
                ? CompletableFuture.failedFuture(new IllegalStateException("hub is closed"))
                : broker.publish(config, publication));
    }

    /** The broadcast helpers of the old system, publishing on this hub; any thread. */
    public Broadcasts broadcasts() {
        return broadcasts;
    }

    /** The in-process event bus, forwarding events to this hub's topics along its routes; any thread. */
    public EventBus eventBus() {
        return eventBus;
    }

    /** The transport's entry point: open, close and count connections. */
    public TransportGateway gateway() {
        return gateway;
    }

    /** Whether {@code topic} exists: a catalog topic, or a well-formed channel of a namespace with channels. */
    public boolean hasTopic(String topic) {
        return catalog.indexOf(topic) >= 0 || isChannel(topic);
    }

    /** Whether {@code name} is a well-formed channel of a namespace declared with {@code channels: true}. */
    public boolean isChannel(String name) {
        return catalog.namespaceOf(name) >= 0;
    }

    /** The topics and channels by name: how many channels exist, per namespace. */
    public ChannelRegistry channels() {
        return channels;
    }

    /** The topics this hub serves. */
    public TopicCatalog topics() {
        return catalog;
    }

    /** The per-connection limits in force. */
    public Limits limits() {
        return limits;
    }

    /** This node's id. */
    public String nodeId() {
        return nodeId;
    }

    /** How many connections are open; any thread. */
    public int connectionCount() {
        return registry.size();
    }

    /** A read-only view of every open connection, in no particular order; any thread. */
    public List<ConnectionView> connections() {
        List<ConnectionView> views = new ArrayList<>(registry.size());
        registry.all().forEach(connection -> views.add(new ConnectionView(connection, this)));
        return views;
    }

    /**
     * Closes every connection of {@code userId} with {@code code}; any thread.
     *
     * @return how many connections were told to close
     */
    public int disconnectUser(String userId, CloseCode code, String reason) {
        return gateway.disconnect(Objects.requireNonNull(userId, "userId"), null, code, reason);
    }

    /**
     * Closes the connection whose client id is {@code clientId} with {@code code}; any thread.
     *
     * @return 1 if it was open, else 0
     */
    public int disconnectClient(String clientId, CloseCode code, String reason) {
        return gateway.disconnect(null, Objects.requireNonNull(clientId, "clientId"), code, reason);
    }

    /** The last seq and the epoch of {@code topic}, as the broker knows them now. */
    public Broker.TopicPosition position(String topic) {
        return broker.position(topic);
    }

    /**
     * Everything {@code topic}'s history keeps, oldest first; completes exceptionally when the store cannot answer.
     *
     * @throws IllegalArgumentException for an unknown topic
     */
    public CompletableFuture<HistorySlice> history(String topic) {
        int index = catalog.indexOf(topic);
        if (index >= 0) {
            return broker.history(catalog.get(index), 0, Long.MAX_VALUE);
        }
        if (!isChannel(topic)) {
            throw new IllegalArgumentException("topic: unknown topic '" + topic + "'");
        }
        TopicConfig namespace = catalog.get(catalog.namespaceOf(topic));
        return broker.history(namespace.forChannel(topic), 0, Long.MAX_VALUE);
    }

    /**
     * The options presence follows for the topic name {@code topic} as subscribed, or null for an unknown topic: the
     * one place that maps a name to its {@code presence}/{@code join-leave} options.
     */
    public TopicConfig presenceOptions(String topic) {
        int index = catalog.indexOf(topic);
        if (index >= 0) {
            return catalog.get(index);
        }
        int namespace = catalog.namespaceOf(topic); // a channel has its namespace's presence options
        return namespace < 0 ? null : catalog.get(namespace).forChannel(topic);
    }

    /**
     * Who is subscribed to {@code topic} on every node; completes exceptionally when the store cannot answer.
     *
     * @throws IllegalArgumentException naming the reason for an unknown topic or one without {@code presence: true}
     */
    public CompletableFuture<PresenceSnapshot> presence(String topic) {
        String refusal = presence.refusal(topic, null);
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        return presence.snapshot(topic);
    }

    /** The kind of broker behind this hub ({@code MemoryBroker}, {@code RedisBroker}). */
    public String brokerName() {
        return broker.getClass().getSimpleName();
    }

    /** Publishes this node's figures for the cluster view (a no-op without a shared broker). */
    public void reportNode(Map<String, Object> figures) {
        broker.reportNode(nodeId, figures);
    }

    /** The figures every live node reported, by node id (empty without a shared broker). */
    public CompletableFuture<Map<String, Map<String, Object>>> nodes() {
        return broker.nodes();
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
        channels.flushWindows();
    }

    /**
     * Stops accepting publishes and flushes every window; the transport then closes the connections. Idempotent.
     */
    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            closed = true;
            budget.close();
            channels.close();
            flushWindows();
            broker.close();
            presence.close();
        }
    }
}
