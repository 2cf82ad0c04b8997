package dev.realtimehub.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.realtimehub.core.spi.NodeRelay;
import dev.realtimehub.core.util.Ids;
import dev.realtimehub.core.util.Json;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests between hub nodes over Redis pub/sub: every node listens on its own channel ({@code <prefix>relay:<node>});
 * a request is published to the target's channel with an id and the sender, and the answer comes back on the
 * sender's channel with the same id. A publish that reaches no subscriber fails at once (the node is gone); one that
 * gets no answer within {@code timeout} fails with a timeout.
 *
 * <p>Thread-safe; never blocks a caller.
 */
public final class RedisRelay implements NodeRelay {

    private static final Logger LOG = LoggerFactory.getLogger(RedisRelay.class);

    private final String nodeId;
    private final String prefix;
    private final Duration timeout;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> commands;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
    private volatile Function<String, CompletableFuture<String>> handler =
            message -> CompletableFuture.failedFuture(new IllegalStateException("this node serves no requests"));

    /** Connects and listens on this node's channel. */
    public RedisRelay(RedisSettings settings, String nodeId, Duration timeout) {
        this.nodeId = nodeId;
        this.prefix = settings.keyPrefix();
        this.timeout = timeout;
        this.client = RedisClient.create(RedisURI.create(settings.uri()));
        this.commands = StartupConnect.connect(settings, () -> client.connect());
        this.pubsub = StartupConnect.connect(settings, () -> client.connectPubSub());
        pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                onMessage(message);
            }
        });
        pubsub.sync().subscribe(channel(nodeId));
    }

    private String channel(String node) {
        return prefix + "relay:" + node;
    }

    @Override
    public CompletableFuture<String> request(String node, String message) {
        String id = Ids.random(64);
        CompletableFuture<String> answer = new CompletableFuture<>();
        pending.put(id, answer);
        answer.whenComplete((value, failure) -> pending.remove(id));
        ObjectNode request = Json.mapper().createObjectNode().put("id", id).put("from", nodeId).put("request", message);
        commands.async().publish(channel(node), request.toString()).whenComplete((receivers, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(failure);
            } else if (receivers == 0) {
                answer.completeExceptionally(new UnknownNodeException(node));
            }
        });
        return answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void serve(Function<String, CompletableFuture<String>> value) {
        this.handler = value;
    }

    private void onMessage(String raw) {
        JsonNode message;
        try {
            message = Json.mapper().readTree(raw);
        } catch (Exception e) {
            LOG.debug("relay: unreadable message ignored: {}", e.toString());
            return;
        }
        String id = message.path("id").asText("");
        if (message.has("answer")) {
            CompletableFuture<String> waiting = pending.get(id);
            if (waiting != null) {
                waiting.complete(message.get("answer").asText());
            }
            return;
        }
        String from = message.path("from").asText("");
        CompletableFuture<String> answered;
        try {
            answered = handler.apply(message.path("request").asText(""));
        } catch (RuntimeException e) {
            answered = CompletableFuture.failedFuture(e);
        }
        answered.whenComplete((answer, failure) -> {
            if (failure != null) {
                LOG.debug("relay: request from {} failed: {}", from, failure.toString());
                return; // the sender times out
            }
            ObjectNode reply = Json.mapper().createObjectNode().put("id", id).put("answer", answer);
            commands.async().publish(channel(from), reply.toString());
        });
    }

    @Override
    public void close() {
        pending.values().forEach(waiting -> waiting.completeExceptionally(new IllegalStateException("relay closed")));
        pubsub.close();
        commands.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
