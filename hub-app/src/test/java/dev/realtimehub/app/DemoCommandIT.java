package dev.realtimehub.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.util.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code realtime-hub --demo} as a user runs it: a living console at once, and the hub's own lines on {@code logs}. */
class DemoCommandIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    @Test
    void theDemoFeedsEveryTopicAndTheHubsOwnLogLinesReachLogs() throws Exception {
        try (HubProcess hub = HubProcess.start("--port", "0", "--demo")) {
            int port = hub.port();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode topics = get(port, "/api/ws/stats").path("topics");
                for (String topic : List.of("stats", "logs", "tasks", "system", "metrics")) {
                    assertThat(topics.path(topic).path("published").asLong()).as(topic).isPositive();
                }
                assertThat(get(port, "/api/tasks").path("tasks")).isNotEmpty();
            });

            List<String> frames = new CopyOnWriteArrayList<>();
            WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(
                    URI.create("ws://127.0.0.1:" + port + "/api/ws/realtime"), new WebSocket.Listener() {
                        private final StringBuilder text = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) {
                                frames.add(text.toString());
                                text.setLength(0);
                            }
                            webSocket.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            socket.sendText("{\"action\":\"subscribe\",\"topic\":\"logs\",\"since\":0}", true).join();

            await().atMost(Duration.ofSeconds(20)).until(() -> frames.stream()
                    .anyMatch(f -> f.contains("\"module\":\"dev.realtimehub.app.DemoPublisher\"")
                            && f.contains("demo publisher started")));
            socket.abort();
        }
    }
}
