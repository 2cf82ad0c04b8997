package dev.realtimehub.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one bad HTTP request on a fresh connection and checks the hub's answer: a status with a JSON
 * {@code {"error":…}} body (exact message or its start), optional headers — or, for a request that never completes,
 * a silent close once {@code limits.handshake-timeout-ms} has passed.
 */
final class HttpProbe {

    private HttpProbe() {
    }

    /** What the hub must answer; {@code status} 0 means: nothing, and the connection closed by the deadline. */
    record Expect(int status, String error, boolean prefix, Map<String, String> headers, String body) {
        Expect header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Expect(status, error, prefix, more, body);
        }
    }

    /** One case: its name, the raw request bytes and the expected answer. */
    record Case(String name, byte[] request, Expect expect) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case of(String name, byte[] request, Expect expect) {
        return new Case(name, request, expect);
    }

    static Case of(String name, String request, Expect expect) {
        return new Case(name, request.getBytes(StandardCharsets.ISO_8859_1), expect);
    }

    /** {@code status} with exactly {@code {"error": message}}. */
    static Expect error(int status, String message) {
        return new Expect(status, message, false, Map.of(), null);
    }

    /** {@code status} with a JSON error starting with {@code prefix}. */
    static Expect errorStartingWith(int status, String prefix) {
        return new Expect(status, prefix, true, Map.of(), null);
    }

    /** {@code status} with exactly this body ({@code ""}: none). */
    static Expect answer(int status, String body) {
        return new Expect(status, null, false, Map.of(), body);
    }

    /** No answer at all; the hub closes the connection once the request deadline has passed. */
    static Expect silentClose() {
        return new Expect(0, null, false, Map.of(), null);
    }

    /** A request line, a Host header, the given header lines, {@code Connection: close} and the body. */
    static byte[] request(String method, String target, byte[] body, String... headers) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return BadFrames.concat(head.toString().getBytes(StandardCharsets.UTF_8), body == null ? new byte[0] : body);
    }

    static byte[] request(String method, String target, String body, String... headers) {
        return request(method, target, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Sends the case's request on a fresh connection and checks the answer; a failure names the case. */
    static void run(int port, Case probe) throws IOException {
        try {
            runUnnamed(port, probe);
        } catch (AssertionError | IOException e) {
            throw new AssertionError(probe.name() + ": " + e, e);
        }
    }

    private static void runUnnamed(int port, Case probe) throws IOException {
        try (RawHttp http = RawHttp.open(port)) {
            http.send(probe.request());
            Expect expect = probe.expect();
            if (expect.status() == 0) {
                assertThat(http.closedSilently()).as("closed by the request deadline").isTrue();
                return;
            }
            boolean head = new String(probe.request(), 0, 5, StandardCharsets.ISO_8859_1).equals("HEAD ");
            check(http.read(head), expect);
        }
    }

    /** Checks one answer against {@code expect}. */
    static void check(RawHttp.Answer answer, Expect expect) throws IOException {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(expect.status());
        expect.headers().forEach((name, value) ->
                assertThat(answer.header(name)).as("header %s of %s", name, answer).isEqualTo(value));
        if (expect.body() != null) {
            assertThat(answer.text()).isEqualTo(expect.body());
        }
        if (expect.error() == null) {
            return;
        }
        assertThat(answer.header("content-type")).as("content type of %s", answer).startsWith("application/json");
        JsonNode json = Json.mapper().readTree(answer.body());
        assertThat(json.isObject() && json.size() == 1 && json.path("error").isTextual())
                .as("a JSON {\"error\":…} body: %s", answer.text()).isTrue();
        String message = json.path("error").asText();
        assertThat(message).as("no stack trace in the answer").doesNotContain("Exception").doesNotContain("\tat ");
        if (expect.prefix()) {
            assertThat(message).startsWith(expect.error());
        } else {
            assertThat(message).isEqualTo(expect.error());
        }
    }
}
