package dev.realtimehub.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtimehub.core.presence.PresenceSnapshot;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.redis.RedisPresenceStore;
import dev.realtimehub.server.RealtimeHub;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Presence across two nodes over the machine's Redis when one of them dies: the packaged jar runs as a child process
 * and is killed with SIGKILL, so none of its clean-up runs and only the TTL of its entries can remove them.
 */
class PresenceNodeKillIT {

    private static final String REDIS = "redis://127.0.0.1:6379";

    @Test
    void aKilledNodesPresenceIsGoneWithinTheTtl(@TempDir Path dir) throws Exception {
        String prefix = "test:" + UUID.randomUUID().toString().substring(0, 8) + ":";
        Path config = Files.writeString(dir.resolve("hub.yaml"), String.join("\n",
                "redis:", "  key-prefix: \"" + prefix + "\"", "topics:", "  room:", "    presence: true", ""));
        RealtimeHub.Builder builder = RealtimeHub.builder().port(0).nodeId("survivor")
                .topic(TopicConfig.builder("room").presence(true).build());
        builder.settings().redisUri(REDIS).redisKeyPrefix(prefix);
        try (RealtimeHub survivor = builder.start();
             HubProcess doomed = HubProcess.start("--port", "0", "--node-id", "doomed", "--redis", REDIS,
                     "--config", config.toString())) {
            int port = doomed.port();
            CompletableFuture<String> subscribed = new CompletableFuture<>();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/ws/realtime"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            if (data.toString().contains("\"type\":\"subscription\"")) {
                                subscribed.complete(data.toString());
                            }
                            webSocket.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            socket.sendText("{\"action\":\"subscribe\",\"topic\":\"room\"}", true).get(10, TimeUnit.SECONDS);
            assertThat(subscribed.get(10, TimeUnit.SECONDS)).contains("\"success\":true");
            await().atMost(Duration.ofSeconds(10)).until(() -> presence(survivor).connections() == 1);

            doomed.close(); // SIGKILL: no close frames, no removal of its entries
            await().atMost(Duration.ofMillis(RedisPresenceStore.DEFAULT_TTL_MS + 6_000))
                    .until(() -> presence(survivor).connections() == 0);
            assertThat(presence(survivor).users()).isEmpty();
        } finally {
            deleteKeys(prefix);
        }
    }

    private static PresenceSnapshot presence(RealtimeHub hub) {
        return hub.engine().presence("room").join();
    }

    private static void deleteKeys(String prefix) {
        try (RedisClient client = RedisClient.create(REDIS); StatefulRedisConnection<String, String> c = client.connect()) {
            List<String> keys = new ArrayList<>();
            ScanIterator.scan(c.sync(), ScanArgs.Builder.matches(prefix + "*").limit(500)).forEachRemaining(keys::add);
            if (!keys.isEmpty()) {
                c.sync().del(keys.toArray(String[]::new));
            }
        }
    }
}
