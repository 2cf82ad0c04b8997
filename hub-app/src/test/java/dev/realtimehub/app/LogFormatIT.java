package dev.realtimehub.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Log output of the packaged jar: JSON lines on request, and quiet at INFO whatever the clients do. */
class LogFormatIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Opens and closes {@code count} WebSocket clients and publishes an event, as load would. */
    private static void exercise(int port, int count) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sockets.add(http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/ws/realtime"),
                    new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS));
        }
        HttpResponse<String> published = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/publish")).POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"alerts\",\"type\":\"alert\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).isEqualTo(200);
        for (WebSocket socket : sockets) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void withLogFormatJsonEveryLineIsAJsonObject() throws Exception {
        try (HubProcess hub = HubProcess.start("--port", "0", "--log-format", "json")) {
            int port = hub.port();
            exercise(port, 3);
            hub.terminate();
            assertThat(hub.exitCode()).isZero();
            List<String> lines = hub.stdout();
            assertThat(lines).isNotEmpty();
            List<JsonNode> events = new ArrayList<>();
            for (String line : lines) {
                JsonNode event = JSON.readTree(line);
                assertThat(event.isObject()).as(line).isTrue();
                events.add(event);
            }
            JsonNode listening = events.stream()
                    .filter(e -> e.path("message").asText().startsWith("listening on http://127.0.0.1:" + port))
                    .findFirst().orElseThrow(() -> new AssertionError("no listening line in " + lines));
            assertThat(listening.path("level").asText()).isEqualTo("INFO");
            assertThat(listening.path("logger").asText()).isEqualTo("dev.realtimehub.server.RealtimeHub");
            assertThat(listening.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(listening.path("thread").asText()).isNotEmpty();
        }
    }

    @Test
    void textIsTheDefaultAndConnectionsLeaveNoInfoLines() throws Exception {
        try (HubProcess hub = HubProcess.start("--port", "0")) {
            exercise(hub.port(), 20);
            hub.terminate();
            assertThat(hub.exitCode()).isZero();
            assertThat(hub.stdout()).noneMatch(line -> line.startsWith("{"));
            assertThat(hub.stdout()).as("only start and stop speak at INFO")
                    .allMatch(line -> line.contains("listening on") || line.contains("shutting down")
                            || line.contains("draining") || line.contains("stopped"));
        }
    }

    @Test
    void anUnknownLogFormatIsAConfigurationError() throws Exception {
        try (HubProcess hub = HubProcess.start("--log-format", "xml")) {
            assertThat(hub.exitCode()).isEqualTo(2);
            await().until(() -> !hub.stderr().isEmpty());
            assertThat(hub.stderr()).singleElement().asString()
                    .contains("flag --log-format: expected text or json but was 'xml'").contains("expected text or json").contains("xml");
        }
    }
}
