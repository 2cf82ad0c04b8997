package dev.realtimehub.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.DownBroker;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.HttpTestClient.Reply;
import dev.realtimehub.transport.base.HubEventLoops;
import dev.realtimehub.transport.base.HubSecurity;
import dev.realtimehub.transport.HubServer;
import dev.realtimehub.transport.base.TransportSettings;
import dev.realtimehub.transport.http.ApiKeyGuard;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The HTTP errors docs/API.md and docs/GUIDE.md quote are the hub's own, word for word: each request is sent to a real
 * hub and its {@code error} must appear in the doc, in backticks or as the JSON of an example answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentedErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OK = "{\"topic\":\"alerts\",\"type\":\"alert\"}";
    /** The example of the docs: an array whose second event names an unknown topic. */
    private static final String SECOND_EVENT_UNKNOWN = "[" + OK + ",{\"topic\":\"nope\",\"type\":\"x\"}]";
    private static final String EVENT_OK = "{\"event\":\"ALERT_X\"}";
    /** The example of the guide's events section: an array whose second event has a name the bus refuses. */
    private static final String SECOND_EVENT_BAD_NAME = "[" + EVENT_OK + ",{\"event\":\"import_done\"}]";

    private RealtimeHub hub;
    private HttpTestClient http;

    private record Case(String name, Function<HttpTestClient, Reply> request) {
    }

    @BeforeAll
    void start() {
        hub = RealtimeHub.builder().port(0).start();
        http = new HttpTestClient(hub.httpUri());
    }

    @AfterAll
    void stop() {
        hub.close();
    }

    private static Case publish(String body) {
        return new Case("POST /api/publish " + (body.length() > 60 ? body.substring(0, 60) + "…" : body),
                client -> client.post("/api/publish", body));
    }

    private static Case events(String body) {
        return new Case("POST /api/events " + (body.length() > 60 ? body.substring(0, 60) + "…" : body),
                client -> client.post("/api/events", body));
    }

    /** {@code `error`} in the text, or {@code "error":"error"} (JSON-escaped) in an example answer. */
    private static boolean quotes(String doc, String error) throws JsonProcessingException {
        return doc.contains("`" + error + "`") || doc.contains("\"error\":" + JSON.writeValueAsString(error));
    }

    @TestFactory
    Stream<DynamicTest> apiMdQuotesTheErrorsAsTheHubGivesThem() {
        String api = DocFiles.text(DocFiles.file("docs/API.md"));
        List<Case> cases = List.of(
                publish("{b:1}"),
                publish(""),
                publish("[]"),
                publish("[" + String.join(",", Collections.nCopies(10_001, OK)) + "]"),
                publish("\"x\""),
                publish("{\"topic\":\"nope\",\"type\":\"x\"}"),
                publish("{\"topic\":\"alerts\"}"),
                publish("{\"topic\":\"alerts\",\"type\":5}"),
                publish("{\"topic\":\"alerts\",\"type\":\"x\",\"seq\":5}"),
                publish("{\"topic\":\"alerts\",\"type\":\"x\",\"throttle\":\"yes\"}"),
                publish(SECOND_EVENT_UNKNOWN),
                publish("{\"topic\":\"logs\",\"type\":\"log\",\"message\":\"" + "x".repeat(1024 * 1024) + "\"}"),
                events("{b:1}"),
                events(""),
                events("[]"),
                events("[" + String.join(",", Collections.nCopies(10_001, EVENT_OK)) + "]"),
                events("42"),
                events("{\"data\":1}"),
                events("{\"event\":5}"),
                events("{\"event\":\"log_line\"}"),
                events("{\"event\":\"LOG_LINE\",\"topic\":\"alerts\"}"),
                events("[" + EVENT_OK + ",{\"data\":1}]"),
                events("{\"event\":\"LOG_LINE\",\"data\":\"" + "x".repeat(1024 * 1024) + "\"}"),
                new Case("GET /api/events", client -> client.get("/api/events")),
                new Case("GET /path", client -> client.get("/path")),
                new Case("GET /api/publish", client -> client.get("/api/publish")),
                new Case("POST /health", client -> client.post("/health", "")),
                new Case("GET /api/ws/realtime", client -> client.get("/api/ws/realtime")),
                new Case("POST /api/connections/disconnect {}", client -> client.post("/api/connections/disconnect", "{}")),
                new Case("PUT /api/tasks/export-7 progress 150", client -> client.put("/api/tasks/export-7",
                        "{\"name\":\"Nightly export\",\"status\":\"running\",\"progress\":150}")),
                new Case("POST /api/sse/realtime/unknown", client -> client.post("/api/sse/realtime/unknown", "{}")),
                new Case("POST /api/sse/ticket without a key", client -> client.post("/api/sse/ticket", "")),
                new Case("GET /api/sse/realtime?token=…", client -> client.get("/api/sse/realtime?token=x")),
                new Case("GET /api/sse/realtime?ticket=used", client -> client.get("/api/sse/realtime?ticket=used")),
                new Case("POST /api/sse/realtime", client -> client.post("/api/sse/realtime", "")));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Reply reply = c.request().apply(http);
            assertThat(reply.status()).as("an error status").isGreaterThanOrEqualTo(400);
            String error = reply.json().path("error").asText();
            assertThat(quotes(api, error)).as("docs/API.md quotes the error of %s: %s", c.name(), error).isTrue();
        }));
    }

    @Test
    void theGuideNumbersTheEventsOfAnArrayAsTheHubDoes() throws Exception {
        String error = http.post("/api/publish", SECOND_EVENT_UNKNOWN).json().path("error").asText();
        assertThat(quotes(DocFiles.text(DocFiles.file("docs/GUIDE.md")), error)).as("docs/GUIDE.md quotes %s", error).isTrue();
    }

    @Test
    void theGuideQuotesTheEventsErrorOfItsExample() throws Exception {
        Reply reply = http.post("/api/events", SECOND_EVENT_BAD_NAME);
        assertThat(reply.status()).isEqualTo(400);
        String error = reply.json().path("error").asText();
        assertThat(quotes(DocFiles.text(DocFiles.file("docs/GUIDE.md")), error)).as("docs/GUIDE.md quotes %s", error).isTrue();
    }

    @Test
    void apiMdQuotesThe503OfAPublishAndAnEmitTheBrokerRefuses() throws Exception {
        HubEventLoops loops = HubEventLoops.create(1);
        try {
            HubEngine down = HubEngine.builder().scheduler(loops.scheduler()).broker(new DownBroker()).build();
            HubServer server = HubServer.bind(down, loops, TransportSettings.builder().port(0).build(), HubSecurity.OPEN,
                    HubServer.coreRoutes(down, new ApiKeyGuard(List.of()), 1000).build());
            try {
                HttpTestClient client = new HttpTestClient(URI.create("http://127.0.0.1:" + server.port()));
                for (String[] request : new String[][] {{"/api/publish", OK}, {"/api/events", EVENT_OK}}) {
                    Reply reply = client.post(request[0], request[1]);
                    assertThat(reply.status()).as(request[0]).isEqualTo(503);
                    assertThat(reply.raw().headers().firstValue("retry-after")).as(request[0]).hasValue("1");
                    String error = reply.json().path("error").asText();
                    assertThat(quotes(DocFiles.text(DocFiles.file("docs/API.md")), error))
                            .as("docs/API.md quotes %s", error).isTrue();
                }
            } finally {
                server.close(1000);
                down.close();
            }
        } finally {
            loops.close();
        }
    }
}
