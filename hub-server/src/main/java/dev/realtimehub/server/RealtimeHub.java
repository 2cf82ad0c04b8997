package dev.realtimehub.server;

import java.time.Duration;
import dev.realtimehub.redis.RedisRelay;
import dev.realtimehub.core.spi.NodeRelay;
import dev.realtimehub.core.spi.PresenceStore;
import dev.realtimehub.core.broadcast.Broadcasts;
import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.engine.HubEngineBuilder;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.api.Publisher;
import dev.realtimehub.core.bus.EventBus;
import dev.realtimehub.core.bus.EventRoutes;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.config.HubConfig;
import dev.realtimehub.server.console.HubConsole;
import dev.realtimehub.server.console.TaskBoard;
import dev.realtimehub.server.metrics.HubMetrics;
import dev.realtimehub.server.metrics.PrometheusMetrics;
import dev.realtimehub.transport.base.HubEventLoops;
import dev.realtimehub.core.broker.MemoryBroker;
import dev.realtimehub.core.spi.Broker;
import dev.realtimehub.core.spi.Clock;
import dev.realtimehub.redis.RedisBroker;
import dev.realtimehub.redis.RedisPresenceStore;
import dev.realtimehub.server.auth.SecurityWiring;
import dev.realtimehub.transport.base.HubSecurity;
import dev.realtimehub.transport.HubServer;
import dev.realtimehub.transport.http.ApiKeyGuard;
import dev.realtimehub.transport.base.TransportSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running hub: core, Netty server and console wired together — what an application embeds and what the command line
 * starts.
 *
 * <pre>{@code
 * RealtimeHub hub = RealtimeHub.builder().port(8000).start();
 * hub.broadcasts().alert("disk_space", "Disk almost full", "/var is at 91%", Severity.CRITICAL);
 * hub.eventBus().emit("FORWARD_SUCCESS", Map.of("rule_id", 42));
 * // ... and when the application stops:
 * hub.close();
 * }</pre>
 *
 * <p>Thread-safe: publish, broadcast and emit from any thread; {@link #close()} is idempotent.
 */
public final class RealtimeHub implements Publisher, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RealtimeHub.class);

    private final HubConfig config;
    private final HubEventLoops loops;
    private final HubEngine hub;
    private final HubConsole console;
    private final HubServer server;
    private final PrometheusMetrics metrics;
    private final boolean tls;
    private final NodeReporter reporter;
    /** With Redis: how an SSE command reaches the node holding its stream; null on one node. */
    private final NodeRelay relay;
    private volatile boolean closed;

    private RealtimeHub(HubConfig config) throws InterruptedException {
        this.config = config;
        HubSecurity security = SecurityWiring.build(config.security());
        Broker broker = null;
        NodeRelay nodeRelay = null;
        PresenceStore presenceStore = null;
        this.tls = security.sslContext() != null;
        this.loops = HubEventLoops.create(config.transport().ioThreads());
        this.metrics = new PrometheusMetrics();
        try {
            broker = newBroker(config);
            HubEngineBuilder core = HubEngine.builder().scheduler(loops.scheduler()).topics(config.topics())
                    .eventRoutes(config.busRoutes()).limits(config.limits()).broker(broker)
                    .backpressure(config.publishLimits().maxQueuedBytes(), config.publishLimits().maxWaitMs())
                    .maxChannels(config.maxChannels());
            if (config.nodeId() != null) {
                core.nodeId(config.nodeId());
            }
            if (config.redis() != null) {
                // presence (issue 18): shared by the nodes, a dead node's entries expire
                presenceStore = new RedisPresenceStore(config.redis());
                core.presenceStore(presenceStore);
            }
            this.hub = core.build();
            if (config.redis() != null) {
                nodeRelay = new RedisRelay(config.redis(), hub.nodeId(), RELAY_TIMEOUT);
            }
            ApiKeyGuard guard = new ApiKeyGuard(config.security().apiKeys());
            this.console = HubConsole.start(hub, config.console());
            try {
                this.server = HubServer.bind(hub, loops, config.transport(), security,
                        console.addRoutes(HubServer.coreRoutes(hub, guard, config.operations().readyTimeoutMs()),
                                        guard, security)
                                .exact("/metrics", metrics.endpoint())
                                .build(), nodeRelay);
            } catch (RuntimeException | InterruptedException e) {
                console.close();
                throw e;
            }
            metrics.bind(hub, server);
        } catch (RuntimeException | InterruptedException e) {
            if (nodeRelay != null) {
                nodeRelay.close();
            }
            if (broker != null) {
                broker.close();
            }
            if (presenceStore != null) {
                presenceStore.close();
            }
            metrics.close();
            loops.close();
            throw e;
        }
        this.relay = nodeRelay;
        this.reporter = new NodeReporter(hub);
        TransportSettings transport = config.transport();
        LOG.info("listening on {}://{}:{} (node {}, {} transport)", tls ? "https" : "http", transport.host(),
                server.port(), hub.nodeId(), loops.isEpoll() ? "epoll" : "nio");
        if (security.anonymous() && !SecurityWiring.isLoopback(transport.host())) {
            LOG.warn("*** ANONYMOUS ACCESS: listening on {} beyond loopback while auth.anonymous is true: anyone who can"
                    + " reach this port can read every topic that has no roles. Set auth.anonymous: false and"
                    + " auth.jwt.* (see docs/SECURITY.md). ***", transport.host());
        }
        if (config.security().apiKeys().isEmpty() && !SecurityWiring.isLoopback(transport.host())) {
            LOG.warn("no api-keys configured: anyone who can reach this port can publish and disconnect clients");
        }
    }

    /** The embedded in-memory broker, or Redis when {@code redis.uri} is set. */
    private static Broker newBroker(HubConfig config) {
        if (config.redis() == null) {
            return new MemoryBroker(Clock.system(), config.idempotencyMs());
        }
        // the engine's topics and the readiness probe's, which goes through Redis too
        return new RedisBroker(config.redis(), HubEngine.brokerTopics(config.topics()), Clock.system());
    }

    /** How long a node waits for another to take an SSE command before the client is told to retry (503). */
    private static final Duration RELAY_TIMEOUT = Duration.ofSeconds(2);

    /** Starts building a hub with the defaults of DESIGN.md. */
    public static Builder builder() {
        return new Builder();
    }

    /** Publishes an event; completes with its seq. See {@link HubEngine#publish}. */
    @Override
    public CompletableFuture<Long> publish(String topic, Publication publication) {
        return hub.publish(topic, publication);
    }

    /** The broadcast helpers of the old system ({@code statsUpdate}, {@code ruleChange}, …); any thread. */
    public Broadcasts broadcasts() {
        return hub.broadcasts();
    }

    /** The in-process event bus; events are forwarded to the topics of {@code bus.routes}. Any thread. */
    public EventBus eventBus() {
        return hub.eventBus();
    }

    /**
     * The hub's task board: publishes {@code task_update} events on {@code tasks} and stamps each task's start, as
     * {@code PUT /api/tasks/{id}} does. Any thread.
     */
    public TaskBoard tasks() {
        return console.tasks();
    }

    /** The core engine: publishing, stats, topics and the transport gateway, without the HTTP server around it. */
    public HubEngine engine() {
        return hub;
    }

    /**
     * The core engine.
     *
     * @deprecated the core's {@code Hub} is now {@link HubEngine}; use {@link #engine()}. Removed in the next release.
     */
    @Deprecated(since = "2.0", forRemoval = true)
    public HubEngine hub() {
        return hub;
    }

    /** The registry behind {@code GET /metrics}, for an application that adds meters of its own. */
    public MeterRegistry meterRegistry() {
        return metrics.registry();
    }

    /**
     * The hub's own meters ({@code hub.connections}, {@code hub.events.published}, … as listed in {@link HubMetrics}),
     * to bind into a registry of the application's (the Spring Boot starter binds them into the application's
     * {@code MeterRegistry}). {@code GET /metrics} serves them from {@link #meterRegistry()} either way.
     */
    public MeterBinder meterBinder() {
        return new HubMetrics(hub, server);
    }

    /** Whether the hub is draining or closed: {@code /health/ready} answers 503 and new connections are refused. */
    public boolean draining() {
        return closed || server.draining();
    }

    /**
     * Starts draining ahead of {@link #close()}: new connections and requests get 503 with {@code Retry-After} and
     * {@code /health/ready} answers 503, so a load balancer stops sending traffic, while the open connections keep being
     * served. Idempotent; any thread.
     */
    public void startDraining() {
        server.startDraining();
    }

    /** The config it runs with. */
    public HubConfig config() {
        return config;
    }

    /** The port bound. */
    public int port() {
        return server.port();
    }

    /** {@code http://host:port} ({@code https} with TLS). */
    public URI httpUri() {
        return URI.create((tls ? "https://" : "http://") + hostForUri() + ":" + port());
    }

    /** {@code ws://host:port/api/ws/realtime} ({@code wss} with TLS). */
    public URI webSocketUri() {
        return URI.create((tls ? "wss://" : "ws://") + hostForUri() + ":" + port() + TransportSettings.WEBSOCKET_PATH);
    }

    private String hostForUri() {
        String host = config.transport().host();
        if ("0.0.0.0".equals(host) || "::".equals(host)) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /**
     * Shuts down gracefully within {@code shutdown.grace-ms}: refuses new connections (503), flushes every window, closes
     * every client with 1001 once what the windows held reached it, releases the port.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("shutting down: closing {} connections", hub.connectionCount());
        console.close();
        reporter.close();
        server.close(config.shutdownGraceMs());
        if (relay != null) {
            relay.close();
        }
        hub.close();
        metrics.close();
        loops.close();
        LOG.info("stopped");
    }

    /** Builds and starts a {@link RealtimeHub}; not thread-safe. */
    public static final class Builder {
        private HubConfig.Builder config = HubConfig.builder();
        private HubConfig prepared;

        private Builder() {
        }

        /** Uses a complete config (later builder calls are ignored). */
        public Builder config(HubConfig value) {
            this.prepared = Objects.requireNonNull(value, "config");
            return this;
        }

        /** The config being built, for settings without a shortcut here. */
        public HubConfig.Builder settings() {
            return config;
        }

        public Builder host(String value) {
            config.host(value);
            return this;
        }

        public Builder port(int value) {
            config.port(value);
            return this;
        }

        public Builder nodeId(String value) {
            config.nodeId(value);
            return this;
        }

        /** Declares a topic or overrides a built-in one. */
        public Builder topic(TopicConfig value) {
            config.topic(value);
            return this;
        }

        /** Sets where event bus events go ({@link EventRoutes#defaults()} by default). */
        public Builder busRoutes(EventRoutes value) {
            config.busRoutes(value);
            return this;
        }

        /**
         * Starts the hub and binds its port.
         *
         * @throws IllegalArgumentException for a bad setting, naming its config key
         * @throws IllegalStateException if the port cannot be bound
         */
        public RealtimeHub start() {
            try {
                return new RealtimeHub(prepared != null ? prepared : config.build());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting", e);
            }
        }
    }
}
