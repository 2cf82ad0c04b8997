package dev.realtimehub.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.WsTestClient;
import io.netty.util.ResourceLeakDetector;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * One real hub for a fuzzing class, with what every fuzzed input is checked against afterwards: a well-behaved witness
 * client still gets a pong, nothing was logged at WARN or above (an unexpected exception, a Netty buffer leak report,
 * a failed write), and the hub still accepts a fresh client.
 *
 * <p>Netty's leak detector runs at PARANOID, so every buffer the hub allocates is tracked; a leak is reported (logged
 * at ERROR) once the buffer was collected, which {@link #close()} forces before its last check. Any thread.
 */
final class FuzzedHub implements AutoCloseable {

    /** A topic of the fuzzing hub: publishes to it succeed. */
    static final String TOPIC = "fuzz";

    private final RealtimeHub hub;
    private final WsTestClient witness;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    /** Guarded by this: how many logged events earlier checks have already looked at. */
    private int checked;

    private FuzzedHub(Consumer<RealtimeHub.Builder> settings) {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        logged.start();
        root().addAppender(logged);
        RealtimeHub.Builder builder = RealtimeHub.builder().port(0).topic(TopicConfig.builder(TOPIC).build());
        // the witness pings after every input, faster than a client may: the inbound rate limit is not under test here
        builder.settings().framesPerSecond(1_000_000);
        settings.accept(builder);
        hub = builder.start();
        witness = WsTestClient.connected(hub.webSocketUri());
    }

    /** Starts a hub with the defaults, the {@value #TOPIC} topic and {@code settings}. */
    static FuzzedHub start(Consumer<RealtimeHub.Builder> settings) {
        return new FuzzedHub(settings);
    }

    RealtimeHub hub() {
        return hub;
    }

    int port() {
        return hub.port();
    }

    /** After one fuzzed input: the witness is served and nothing was logged at WARN or above since the last check. */
    synchronized void assertHealthy(Object input) {
        assertThat(witness.isClosed()).as("the witness connection after %s", input).isFalse();
        int before = witness.messages().size();
        witness.send("{\"action\":\"ping\"}");
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10))
                .alias("the witness's pong after " + input)
                .until(() -> witness.messages().stream().skip(before).anyMatch(m -> "pong".equals(m.path("type").asText())));
        List<ILoggingEvent> events = List.copyOf(logged.list);
        List<String> bad = events.subList(checked, events.size()).stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : " / " + e.getThrowableProxy().getClassName() + ": "
                        + e.getThrowableProxy().getMessage()))
                .toList();
        checked = events.size();
        assertThat(bad).as("warnings and errors logged while the hub handled %s", input).isEmpty();
    }

    /** Forces a collection so Netty reports any leaked buffer, checks once more with a fresh client, and stops. */
    @Override
    public void close() {
        try {
            for (int i = 0; i < 3; i++) {
                System.gc();
                // the leak detector looks at collected buffers when the next ones are allocated
                try (WsTestClient fresh = WsTestClient.connected(hub.webSocketUri())) {
                    assertThat(fresh.request("{\"action\":\"ping\"}", "pong", null)).isNotNull();
                }
            }
            assertHealthy("the whole run (leak check after a forced collection)");
        } finally {
            witness.close();
            hub.close();
            root().detachAppender(logged);
        }
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
