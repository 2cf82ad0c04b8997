package dev.realtimehub.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.server.RealtimeHub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole application on the versions Spring Boot manages: a WebSocket client (a browser's stand-in, on the JDK's
 * client) sees what the REST API publishes, and Actuator reports the hub's health.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "realtime-hub.port=0")
class RulesServiceApplicationTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

    @LocalServerPort
    private int port;
    @Autowired
    private RealtimeHub hub;
    private WebSocket socket;

    @BeforeEach
    void connect() throws Exception {
        socket = http.newWebSocketBuilder().buildAsync(hub.webSocketUri(), new WebSocket.Listener() {
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
        assertThat(next("\"type\":\"connected\"")).contains("\"node\":\"rules-1\"");
    }

    @AfterEach
    void disconnect() {
        socket.abort();
    }

    @Test
    void aRuleChangeReachesTheBrowser() throws Exception {
        socket.sendText("{\"action\":\"subscribe\",\"topic\":\"rules\"}", true).join();
        next("\"type\":\"subscription\"");
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/rules/42"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":false}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        String event = next("\"rule_change\"");
        assertThat(event).contains("\"topic\":\"rules\"", "\"rule_id\":42", "\"action\":\"updated\"",
                "\"enabled\":false");
    }

    @Test
    void anOrderGoesToTheTopicOfTheConfiguredBusRoute() throws Exception {
        socket.sendText("{\"action\":\"subscribe\",\"topic\":\"orders\"}", true).join();
        next("\"type\":\"subscription\"");
        http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"order_id\":1001,\"total\":99.5}")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(next("ORDER_CREATED")).contains("\"topic\":\"orders\"", "\"order_id\":1001");
    }

    @Test
    void actuatorReportsTheHubsHealth() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/health/realtimeHub")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"", "\"node\":\"rules-1\"");
    }

    /** The next frame containing {@code text}, skipping others; fails after 10 s. */
    private String next(String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            String frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame != null && frame.contains(text)) {
                return frame;
            }
        }
        throw new AssertionError("no frame with " + text + " within 10 s");
    }
}
