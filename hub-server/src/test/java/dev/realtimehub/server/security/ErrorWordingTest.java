package dev.realtimehub.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.core.topics.DeliveryPolicy;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.ClientTexts;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.HttpTestClient.Reply;
import dev.realtimehub.server.testing.Tokens;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input answered over HTTP in the hub's own words: what was wrong with the body or the token, never a library's
 * class, setting or method name. Each case pins the exact body.
 */
class ErrorWordingTest {

    private static final String EVENT = "{\"topic\":\"alerts\",\"type\":\"x\"}";
    private static final String TASK = "{\"name\":\"x\",\"status\":\"running\",\"progress\":5}";
    private static final String DEEP = "[".repeat(65) + "]".repeat(65);
    private static final String LONG_NUMBER = "1" + "0".repeat(120);

    private RealtimeHub hub;
    private HttpTestClient http;

    @BeforeEach
    void start() {
        RealtimeHub.Builder builder = RealtimeHub.builder().port(0)
                .topic(TopicConfig.builder("tasks").policy(DeliveryPolicy.CONFLATE).conflateKey(List.of("task_id"))
                        .roles(List.of("ops")).build());
        builder.settings().security().jwtHmacSecret(Tokens.SECRET);
        hub = builder.start();
        http = new HttpTestClient(hub.httpUri());
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private static void assertBody(Reply reply, int status, String body) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.body()).isEqualTo(body);
        ClientTexts.assertNoInternals(reply.body());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            garbage after the event    | TRAILING garbage     | unexpected content after the first value
            a second event             | TRAILING TRAILING    | unexpected content after the first value
            a second closing bracket   | [TRAILING]]          | unexpected content after the first value
            nesting over the limit     | DEEP                 | nested deeper than 64 levels
            a number over the limit    | NUMBER               | a number longer than 100 digits
            the end cut off            | {"topic":            | unexpected end of input
            an unquoted word           | {"topic": alerts}    | syntax error near line 1, column 11
            NaN                        | {"n":NaN}            | syntax error near line 1, column 9
            a trailing comma           | [1,]                 | syntax error near line 1, column 4
            """)
    void aPublishBodyThatIsNotOneJsonDocumentSaysWhatIsWrongWithIt(String why, String body, String reason) {
        String json = body.replace("TRAILING", EVENT)
                .replace("DEEP", "{\"topic\":\"alerts\",\"type\":\"x\",\"deep\":" + DEEP + "}")
                .replace("NUMBER", "{\"topic\":\"alerts\",\"type\":\"x\",\"n\":" + LONG_NUMBER + "}");

        assertBody(http.post("/api/publish", json), 400, "{\"error\":\"Invalid JSON: " + reason + "\"}");
        assertThat(hub.engine().stats().totalBroadcasts()).isZero();
    }

    @Test
    void aTaskUpdateThatIsNotOneJsonDocumentSaysWhatIsWrongWithIt() {
        assertBody(http.put("/api/tasks/t1", TASK + " " + TASK), 400,
                "{\"error\":\"body: invalid JSON: unexpected content after the first value\",\"field\":\"body\"}");
        assertBody(http.put("/api/tasks/t1", "{\"name\":" + DEEP + "}"), 400,
                "{\"error\":\"body: invalid JSON: nested deeper than 64 levels\",\"field\":\"body\"}");
        assertBody(http.put("/api/tasks/t1", "{\"progress\":" + LONG_NUMBER + "}"), 400,
                "{\"error\":\"body: invalid JSON: a number longer than 100 digits\",\"field\":\"body\"}");
    }

    @Test
    void aDisconnectBodyThatIsNotOneJsonDocumentSaysWhatIsWrongWithIt() {
        assertBody(http.post("/api/connections/disconnect", "{\"user_id\":\"a\"} {}"), 400,
                "{\"error\":\"Invalid JSON: unexpected content after the first value\"}");
        assertBody(http.post("/api/connections/disconnect", "{\"user_id\":" + DEEP + "}"), 400,
                "{\"error\":\"Invalid JSON: nested deeper than 64 levels\"}");
    }

    @Test
    void aSnapshotRefusedForABadTokenSaysWhatIsWrongWithTheTokenOnce() {
        assertBody(http.get("/api/tasks?token=not-a-jwt"), 401, "{\"error\":\"Invalid token: not a JWT\"}");
        assertBody(http.get("/api/tasks?token=" + Tokens.unsecured("{\"sub\":\"olga\",\"roles\":[\"ops\"]}")), 401,
                "{\"error\":\"Invalid token: unsupported algorithm none\"}");
    }
}
