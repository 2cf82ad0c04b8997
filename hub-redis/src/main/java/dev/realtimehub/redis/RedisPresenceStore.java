package dev.realtimehub.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.realtimehub.core.presence.PresenceChange;
import dev.realtimehub.core.presence.PresenceSnapshot;
import dev.realtimehub.core.spi.PresenceStore;
import dev.realtimehub.core.util.Json;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence shared by every hub node over Redis.
 *
 * <p>Each node keeps, per topic, one hash of its own entries ({@code <prefix>presence:{T}:node:<id>}, connection id →
 * user id) and adds its id to the topic's set of nodes ({@code <prefix>presence:{T}:nodes}). Both carry a TTL of
 * {@link #DEFAULT_TTL_MS} that a heartbeat refreshes every {@link #DEFAULT_BEAT_MS}: a node that dies stops refreshing,
 * and its entries are gone within the TTL, with no node having to notice. A heartbeat that finds its hash gone (Redis
 * restarted, or was unreachable past the TTL) writes the node's entries again from its local mirror.
 *
 * <p>Entries are keyed by connection id, so counts never go negative and a user with two tabs is one user with two
 * connections. Announced changes go over pub/sub ({@code <prefix>presence:changes}) with the sending node's id;
 * every other node hands them to its listener.
 *
 * <p>Thread-safe: the local mirror and the commands that write it are issued under this object's lock, so a heartbeat
 * rewriting the entries can never put back one that a concurrent removal deleted (commands on one connection run in
 * the order they were issued).
 */
public final class RedisPresenceStore implements PresenceStore {

    /** How long a node's entries outlive its last heartbeat. */
    public static final long DEFAULT_TTL_MS = 6_000;
    /** How often a node refreshes its entries. */
    public static final long DEFAULT_BEAT_MS = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(RedisPresenceStore.class);
    private static final String ANONYMOUS = "";

    private final RedisSettings settings;
    private final long ttlMs;
    private final long beatMs;
    /** Topic → connection id → user id: this node's entries, as they should be in Redis. Guarded by this. */
    private final Map<String, Map<String, String>> mirror = new HashMap<>();
    private String nodeId;
    private RedisClient client;
    private StatefulRedisConnection<String, String> commands;
    private StatefulRedisPubSubConnection<String, String> pubsub;
    private ScriptRunner snapshotScript;
    private ScheduledExecutorService heartbeat;
    private volatile boolean failing;
    /** Set by {@link #close}: later adds and removes (connections closing after the store) are ignored. Guarded by this. */
    private boolean closed;

    /** A store with the default TTL and heartbeat. */
    public RedisPresenceStore(RedisSettings settings) {
        this(settings, DEFAULT_TTL_MS, DEFAULT_BEAT_MS);
    }

    /** A store whose entries outlive a dead node by {@code ttlMs}, refreshed every {@code beatMs}. */
    public RedisPresenceStore(RedisSettings settings, long ttlMs, long beatMs) {
        if (beatMs <= 0 || ttlMs < 2 * beatMs) {
            throw new IllegalArgumentException("presence TTL must be at least two heartbeats, was " + ttlMs + " ms for a "
                    + beatMs + " ms heartbeat");
        }
        this.settings = settings;
        this.ttlMs = ttlMs;
        this.beatMs = beatMs;
    }

    @Override
    public void start(String node, Consumer<PresenceChange> remoteChanges) {
        this.nodeId = node;
        client = RedisClient.create(RedisURI.create(settings.uri()));
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofMillis(settings.commandTimeoutMs())))
                .build());
        commands = StartupConnect.connect(settings, () -> client.connect());
        snapshotScript = new ScriptRunner(commands.async(), RedisScripts.PRESENCE_SNAPSHOT);
        pubsub = StartupConnect.connect(settings, () -> client.connectPubSub());
        pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                onChange(message, remoteChanges);
            }
        });
        pubsub.sync().subscribe(changesChannel());
        heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "presence-heartbeat-" + node);
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, beatMs, beatMs, TimeUnit.MILLISECONDS);
    }

    private String changesChannel() {
        return settings.keyPrefix() + "presence:changes";
    }

    private String nodesKey(String topic) {
        return settings.keyPrefix() + "presence:{" + topic + "}:nodes";
    }

    private String nodeHashPrefix(String topic) {
        return settings.keyPrefix() + "presence:{" + topic + "}:node:";
    }

    @Override
    public synchronized void add(String topic, String connectionId, String userId, boolean announce) {
        if (closed) {
            return;
        }
        String user = userId == null ? ANONYMOUS : userId;
        mirror.computeIfAbsent(topic, t -> new HashMap<>()).put(connectionId, user);
        RedisAsyncCommands<String, String> async = commands.async();
        String hash = nodeHashPrefix(topic) + nodeId;
        watch(async.hset(hash, connectionId, user).toCompletableFuture());
        watch(async.pexpire(hash, ttlMs).toCompletableFuture());
        watch(async.sadd(nodesKey(topic), nodeId).toCompletableFuture());
        watch(async.pexpire(nodesKey(topic), ttlMs).toCompletableFuture());
        if (announce) {
            announce(topic, PresenceChange.Kind.JOIN, userId);
        }
    }

    @Override
    public synchronized void remove(String topic, String connectionId, String userId, boolean announce) {
        Map<String, String> entries = closed ? null : mirror.get(topic);
        if (entries == null || entries.remove(connectionId) == null) {
            return;
        }
        if (entries.isEmpty()) {
            mirror.remove(topic);
        }
        watch(commands.async().hdel(nodeHashPrefix(topic) + nodeId, connectionId).toCompletableFuture());
        if (announce) {
            announce(topic, PresenceChange.Kind.LEAVE, userId);
        }
    }

    private void announce(String topic, PresenceChange.Kind kind, String userId) {
        ObjectNode message = Json.mapper().createObjectNode().put("node", nodeId).put("topic", topic)
                .put("kind", kind.wireName());
        if (userId == null) {
            message.putNull("user_id");
        } else {
            message.put("user_id", userId);
        }
        watch(commands.async().publish(changesChannel(), message.toString()).toCompletableFuture());
    }

    private void onChange(String raw, Consumer<PresenceChange> remoteChanges) {
        try {
            JsonNode message = Json.mapper().readTree(raw);
            if (nodeId.equals(message.path("node").asText())) {
                return; // this node fanned its own change out already
            }
            JsonNode user = message.path("user_id");
            PresenceChange.Kind kind = "join".equals(message.path("kind").asText())
                    ? PresenceChange.Kind.JOIN : PresenceChange.Kind.LEAVE;
            remoteChanges.accept(new PresenceChange(message.path("topic").asText(), kind,
                    user.isTextual() ? user.textValue() : null));
        } catch (Exception e) {
            LOG.debug("presence: unreadable change ignored: {}", e.toString());
        }
    }

    @Override
    public CompletableFuture<PresenceSnapshot> snapshot(String topic) {
        return snapshotScript.run(new String[] {nodesKey(topic)}, nodeHashPrefix(topic)).thenApply(flat -> {
            int connections = flat.size() / 2;
            TreeSet<String> users = new TreeSet<>();
            for (int i = 1; i < flat.size(); i += 2) {
                String user = (String) flat.get(i);
                if (!user.isEmpty()) {
                    users.add(user);
                }
            }
            return new PresenceSnapshot(topic, connections, new ArrayList<>(users));
        });
    }

    /** Refreshes this node's entries; writes them again where Redis lost them. Heartbeat thread. */
    private synchronized void beat() {
        if (closed) {
            return;
        }
        RedisAsyncCommands<String, String> async = commands.async();
        for (Map.Entry<String, Map<String, String>> topic : mirror.entrySet()) {
            String hash = nodeHashPrefix(topic.getKey()) + nodeId;
            async.pexpire(hash, ttlMs).toCompletableFuture().whenComplete((alive, failure) -> {
                if (failure == null && !alive) {
                    rewrite(topic.getKey());
                }
            });
            watch(async.sadd(nodesKey(topic.getKey()), nodeId).toCompletableFuture());
            watch(async.pexpire(nodesKey(topic.getKey()), ttlMs).toCompletableFuture());
        }
    }

    /** Writes the mirror's entries of {@code topic} again (Redis lost them). */
    private synchronized void rewrite(String topic) {
        Map<String, String> entries = closed ? null : mirror.get(topic);
        if (entries == null || entries.isEmpty()) {
            return;
        }
        String hash = nodeHashPrefix(topic) + nodeId;
        RedisAsyncCommands<String, String> async = commands.async();
        watch(async.hset(hash, Map.copyOf(entries)).toCompletableFuture());
        watch(async.pexpire(hash, ttlMs).toCompletableFuture());
        watch(async.sadd(nodesKey(topic), nodeId).toCompletableFuture());
        watch(async.pexpire(nodesKey(topic), ttlMs).toCompletableFuture());
        LOG.info("presence of {} written again: Redis had lost this node's {} entries", topic, entries.size());
    }

    /** Logs the first failure of an outage at WARN, the rest at DEBUG, and that writes work again at INFO. */
    private void watch(CompletableFuture<?> command) {
        command.whenComplete((result, failure) -> {
            if (failure != null) {
                if (!failing) {
                    failing = true;
                    LOG.warn("presence writes to Redis failing: {} (further failures at DEBUG)", failure.toString());
                } else {
                    LOG.debug("presence write failed: {}", failure.toString());
                }
            } else if (failing) {
                failing = false;
                LOG.info("presence writes to Redis work again");
            }
        });
    }

    /**
     * Stops without cleaning up: no more heartbeats, connections dropped, entries left to expire, as when the node's
     * process dies. For tests of the expiry.
     */
    void halt() {
        synchronized (this) {
            closed = true;
        }
        heartbeat.shutdownNow();
        pubsub.close();
        commands.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    /** Removes this node's entries, then closes the connections. */
    @Override
    public void close() {
        if (client == null) {
            return;
        }
        heartbeat.shutdownNow();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            List<CompletableFuture<?>> deletes = new ArrayList<>();
            for (String topic : mirror.keySet()) {
                deletes.add(commands.async().del(nodeHashPrefix(topic) + nodeId).toCompletableFuture());
            }
            mirror.clear();
            try {
                CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new)).get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debug("presence entries not removed at close (they expire): {}", e.toString());
            }
        }
        pubsub.close();
        commands.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
