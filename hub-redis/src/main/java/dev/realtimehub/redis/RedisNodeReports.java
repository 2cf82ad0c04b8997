package dev.realtimehub.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.realtimehub.core.util.Json;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every node's latest figures in one Redis hash ({@code <prefix>nodes}, node id → JSON), and the live ones read back.
 *
 * <p>Thread-safe (stateless past its key).
 */
final class RedisNodeReports {

    private static final Logger LOG = LoggerFactory.getLogger(RedisNodeReports.class);

    /** Nodes that have not reported for this long are left out of {@link #live}. */
    static final long NODE_STALE_MS = 10_000;

    private final String key;

    RedisNodeReports(String keyPrefix) {
        this.key = keyPrefix + "nodes";
    }

    /** Writes {@code nodeId}'s figures; never blocks, and a failure only loses this report. */
    void report(RedisAsyncCommands<String, String> async, String nodeId, Map<String, Object> figures) {
        try {
            async.hset(key, nodeId, Json.mapper().writeValueAsString(figures));
        } catch (JsonProcessingException e) {
            LOG.debug("node report not encodable: {}", e.getMessage());
        }
    }

    /** The figures of every node that reported within {@link #NODE_STALE_MS} of {@code now}, by node id. */
    CompletableFuture<Map<String, Map<String, Object>>> live(RedisAsyncCommands<String, String> async, long now) {
        return async.hgetall(key).toCompletableFuture().thenApply(all -> {
            Map<String, Map<String, Object>> live = new TreeMap<>();
            all.forEach((node, json) -> {
                try {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> figures = Json.mapper().readValue(json, Map.class);
                    Object at = figures.get("reported_at");
                    if (at instanceof Number n && now - n.longValue() <= NODE_STALE_MS) {
                        live.put(node, figures);
                    }
                } catch (IOException e) {
                    LOG.debug("unreadable report of node {}", node);
                }
            });
            return live;
        });
    }
}
