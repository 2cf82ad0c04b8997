package dev.realtimehub.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.realtimehub.core.broadcast.Broadcasts;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.api.Publisher;
import dev.realtimehub.server.RealtimeHub;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A failure to read history is never published on {@code logs}: the line would travel the broken path it reports on.
 * Real failures: a hub over the machine's Redis whose {@code tasks} history is not the type the scripts expect.
 */
class HubLogAppenderHistoryTest {

    private static final String REDIS = "redis://127.0.0.1:6379";

    private final String prefix = "test:" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final List<String> published = new CopyOnWriteArrayList<>();
    private HubLogAppender appender;

    @BeforeEach
    void captureAndPublishInPlace() {
        logged.start();
        root.addAppender(logged);
        // published at once on the logging thread: once a line is logged, whether it was forwarded is settled
        Publisher recording = new Publisher() {
            @Override
            public CompletableFuture<Long> publish(String topic, Publication publication) {
                published.add(String.valueOf(publication.fields().get("message")));
                return CompletableFuture.completedFuture((long) published.size());
            }
        };
        appender = HubLogAppender.attach(new Broadcasts(recording), "INFO");
    }

    @AfterEach
    void release() {
        appender.detach();
        root.detachAppender(logged);
        try (RedisClient client = RedisClient.create(REDIS);
             StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> keys = new ArrayList<>();
            ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(prefix + "*")).forEachRemaining(keys::add);
            if (!keys.isEmpty()) {
                connection.sync().del(keys.toArray(String[]::new));
            }
        }
    }

    /** Leaves {@code tasks} at seq 3 of epoch {@code e1}, with an order key no script can read as a sorted set. */
    private void breakTasksHistory() {
        String base = prefix + "{tasks}:";
        try (RedisClient client = RedisClient.create(REDIS);
             StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().set(base + "epoch", "e1");
            connection.sync().set(base + "seq", "3");
            connection.sync().set(base + "order", "not a sorted set");
        }
    }

    private List<String> warnings() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void historyReadFailuresOfSnapshotsAndRecoveriesAreLoggedButNotPublished() throws Exception {
        breakTasksHistory();
        RealtimeHub.Builder builder = RealtimeHub.builder().port(0);
        builder.settings().redisUri(REDIS).redisKeyPrefix(prefix).redisCommandTimeoutMs(1000);
        try (RealtimeHub hub = builder.start()) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> snapshot = http.send(HttpRequest.newBuilder(URI.create(hub.httpUri() + "/api/tasks"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(snapshot.statusCode()).isEqualTo(503);

            CompletableFuture<String> reply = new CompletableFuture<>();
            WebSocket socket = http.newWebSocketBuilder().buildAsync(hub.webSocketUri(), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    if (data.toString().contains("\"subscription\"")) {
                        reply.complete(data.toString());
                    }
                    webSocket.request(1);
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
            socket.sendText("{\"action\":\"subscribe\",\"topic\":\"tasks\",\"since\":0,\"epoch\":\"e1\"}", true);
            assertThat(reply.get(10, TimeUnit.SECONDS)).contains("\"recovered\":false");
            socket.abort();
        }

        assertThat(warnings()).anyMatch(w -> w.startsWith("history of tasks unavailable for a snapshot"))
                .anyMatch(w -> w.startsWith("history of tasks unavailable for recovery"));
        assertThat(published).noneMatch(line -> line.contains("history of tasks"));
    }
}
