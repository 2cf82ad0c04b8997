package dev.realtimehub.server.security;

import static dev.realtimehub.server.security.HttpProbe.error;
import static dev.realtimehub.server.security.HttpProbe.of;
import static dev.realtimehub.server.security.HttpProbe.request;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.security.HttpProbe.Case;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * A bad {@code %} escape anywhere in a request target — the query string of the WebSocket upgrade or of any endpoint,
 * a path segment — is a 400 with a JSON error in the hub's words, before any login, and logs nothing at WARN.
 */
class BadPercentEscapesTest {

    static final String BAD_QUERY = "Malformed query string: bad % escape";
    static final String BAD_PATH = "Malformed path: bad % escape";
    private static final String UPGRADE = "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

    private static RealtimeHub hub;
    private static final ListAppender<ILoggingEvent> LOGGED = new ListAppender<>();

    @BeforeAll
    static void start() {
        LOGGED.start();
        root().addAppender(LOGGED);
        hub = RealtimeHub.builder().port(0).start();
    }

    @AfterAll
    static void stop() {
        hub.close();
        root().detachAppender(LOGGED);
    }

    @BeforeEach
    void forgetEarlierLogs() {
        LOGGED.list.clear();
    }

    static Stream<Case> badEscapes() {
        return Stream.of(
                of("upgrade with ?x=%zz", "GET /api/ws/realtime?x=%zz HTTP/1.1\r\nHost: x\r\n" + UPGRADE + "\r\n",
                        error(400, BAD_QUERY)),
                of("upgrade with ?token=%zz", "GET /api/ws/realtime?token=%zz HTTP/1.1\r\nHost: x\r\n" + UPGRADE
                        + "\r\n", error(400, BAD_QUERY)),
                of("upgrade with a truncated escape", "GET /api/ws/realtime?a=1&b=%4 HTTP/1.1\r\nHost: x\r\n" + UPGRADE
                        + "\r\n", error(400, BAD_QUERY)),
                of("upgrade with a bad escape in a parameter name", "GET /api/ws/realtime?%g1=1 HTTP/1.1\r\nHost: x\r\n"
                        + UPGRADE + "\r\n", error(400, BAD_QUERY)),
                of("GET /api/ws/realtime?x=%zz without upgrade headers",
                        request("GET", "/api/ws/realtime?x=%zz", (String) null), error(400, BAD_QUERY)),
                of("GET /health?x=%zz", request("GET", "/health?x=%zz", (String) null), error(400, BAD_QUERY)),
                of("GET /api/tasks?x=%zz", request("GET", "/api/tasks?x=%zz", (String) null), error(400, BAD_QUERY)),
                of("GET /api/ws/stats?x=%", request("GET", "/api/ws/stats?x=%", (String) null), error(400, BAD_QUERY)),
                of("POST /api/publish?x=%zz", request("POST", "/api/publish?x=%zz",
                        "{\"topic\":\"alerts\",\"type\":\"x\"}"), error(400, BAD_QUERY)),
                of("GET /js/ws-manager.js?v=%zz", request("GET", "/js/ws-manager.js?v=%zz", (String) null),
                        error(400, BAD_QUERY)),
                of("GET /nowhere?x=%zz", request("GET", "/nowhere?x=%zz", (String) null), error(400, BAD_QUERY)),
                of("PUT /api/tasks/%zz", request("PUT", "/api/tasks/%zz",
                        "{\"name\":\"n\",\"status\":\"running\",\"progress\":1,\"message\":null}"),
                        error(400, BAD_PATH)),
                of("GET /api/tasks/%", request("GET", "/api/tasks/%", (String) null), error(400, BAD_PATH)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEscapes")
    void aBadEscapeIs400WithAJsonErrorAndNoWarning(Case probe) throws IOException {
        HttpProbe.run(hub.port(), probe);
        assertThat(LOGGED.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .as("logged at WARN or above").isEmpty();
    }

    @Test
    void whileDrainingABadEscapeIsStill400AndNotAFailure() throws IOException {
        try (RealtimeHub draining = RealtimeHub.builder().port(0).start()) {
            draining.startDraining();
            HttpProbe.run(draining.port(), of("GET /%zz while draining", request("GET", "/%zz", (String) null),
                    error(400, BAD_PATH)));
            HttpProbe.run(draining.port(), of("GET /health?x=%zz while draining",
                    request("GET", "/health?x=%zz", (String) null), error(400, BAD_QUERY)));
        }
        assertThat(LOGGED.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .as("logged at WARN or above").isEmpty();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
