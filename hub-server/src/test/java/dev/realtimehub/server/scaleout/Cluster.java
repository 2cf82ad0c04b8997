package dev.realtimehub.server.scaleout;

import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.config.HubConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** Several real hub nodes sharing one Redis under a key prefix of their own, removed afterwards. */
final class Cluster implements AutoCloseable {

    static final String SHARED_REDIS = "redis://127.0.0.1:6379";

    private final String redisUri;
    private final String prefix = "test:" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private final List<RealtimeHub> nodes = new ArrayList<>();

    Cluster(String redisUri) {
        this.redisUri = redisUri;
    }

    /** Starts a node (port 0) on this cluster's Redis and prefix. */
    RealtimeHub start(String nodeId, TopicConfig... topics) {
        return start(nodeId, 0, topics);
    }

    RealtimeHub start(String nodeId, int port, TopicConfig... topics) {
        return start(nodeId, port, settings -> { }, topics);
    }

    /** Starts a node (port 0) with further {@code settings}, on this cluster's Redis and prefix. */
    RealtimeHub start(String nodeId, Consumer<HubConfig.Builder> settings, TopicConfig... topics) {
        return start(nodeId, 0, settings, topics);
    }

    private RealtimeHub start(String nodeId, int port, Consumer<HubConfig.Builder> settings, TopicConfig... topics) {
        RealtimeHub.Builder builder = RealtimeHub.builder().port(port).nodeId(nodeId);
        for (TopicConfig topic : topics) {
            builder.topic(topic);
        }
        settings.accept(builder.settings());
        builder.settings().redisUri(redisUri).redisKeyPrefix(prefix).redisCommandTimeoutMs(1000);
        RealtimeHub node = builder.start();
        nodes.add(node);
        return node;
    }

    String prefix() {
        return prefix;
    }

    @Override
    public void close() {
        nodes.forEach(RealtimeHub::close);
        try (RedisClient client = RedisClient.create(redisUri);
             StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> keys = new ArrayList<>();
            ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(prefix + "*").limit(500)).forEachRemaining(keys::add);
            if (!keys.isEmpty()) {
                connection.sync().del(keys.toArray(String[]::new));
            }
        } catch (RuntimeException e) {
            // the Redis of a restart test may be gone already; its folder is temporary
        }
    }
}
