package dev.realtimehub.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.realtimehub.core.broadcast.Broadcasts;
import dev.realtimehub.core.api.HubLogMarkers;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.api.Publisher;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HubExtension;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class HubLogAppenderTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withDefaults();

    private final List<HubLogAppender> attached = new CopyOnWriteArrayList<>();

    @AfterEach
    void detach() {
        attached.forEach(HubLogAppender::detach);
    }

    private HubLogAppender attach(Broadcasts broadcasts, String level) {
        HubLogAppender appender = HubLogAppender.attach(broadcasts, level);
        attached.add(appender);
        return appender;
    }

    /** A logger that lets every level through to the appenders, whatever the test config's root level. */
    private static Logger verbose(String name) {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name)).setLevel(Level.TRACE);
        return LoggerFactory.getLogger(name);
    }

    @Test
    void theHubsOwnLinesFromTheLevelUpArriveOnLogsWithTheLoggerAsModule(RealtimeHub hub) {
        attach(hub.broadcasts(), "INFO");
        Logger log = verbose("dev.realtimehub.app.sample");

        log.debug("too chatty");
        log.info("rules reloaded: {} rules", 40);
        log.error("backup failed", new IllegalStateException("disk full"));

        List<String> lines = hub.engine().history("logs").join().events().stream()
                .filter(e -> "dev.realtimehub.app.sample".equals(e.fields().get("module")))
                .map(e -> e.type() + " " + e.fields().get("level") + " " + e.fields().get("message"))
                .toList();
        assertThat(lines).containsExactly("log INFO rules reloaded: 40 rules",
                "log ERROR backup failed (java.lang.IllegalStateException: disk full)");
    }

    @Test
    void linesOfTheDeliveryPathAreNeverPublished() {
        Recording recording = new Recording(null);
        attach(new Broadcasts(recording), "TRACE");

        verbose("io.netty.channel.DefaultChannelPipeline").warn("netty");
        verbose("dev.realtimehub.transport.ws.HubSession").warn("transport");
        verbose("dev.realtimehub.core.delivery.TopicDispatcher").warn("delivery");
        verbose("dev.realtimehub.core.broker.MemoryBroker").error("broker");
        verbose("dev.realtimehub.redis.TopicFeed").warn("redis broker");
        verbose("io.lettuce.core.protocol.ConnectionWatchdog").warn("redis client");
        verbose("dev.realtimehub.transportation").warn("a look-alike name is not the transport");

        assertThat(recording.messages()).containsExactly("a look-alike name is not the transport");
    }

    @Test
    void aLineMarkedAsAboutTheDeliveryPathIsNeverPublishedWhateverItsLogger() {
        Recording recording = new Recording(null);
        attach(new Broadcasts(recording), "INFO");
        Logger log = verbose("dev.realtimehub.server.console.SnapshotJson");

        log.warn(HubLogMarkers.DELIVERY_PATH, "history of logs unavailable for a snapshot");
        log.warn("an unmarked line of the same logger");

        assertThat(recording.messages()).containsExactly("an unmarked line of the same logger");
    }

    @Test
    void aLineLoggedWhilePublishingALineIsDroppedSoTheAppenderCannotFeedItself() {
        Logger inner = verbose("dev.realtimehub.app.inner");
        Recording recording = new Recording(() -> inner.warn("logged by the publish itself"));
        attach(new Broadcasts(recording), "INFO");

        verbose("dev.realtimehub.app.outer").info("one line");

        assertThat(recording.messages()).containsExactly("one line");
    }

    @Test
    void levelOffAttachesNothing() {
        assertThat(HubLogAppender.attach(new Broadcasts(new Recording(null)), "OFF")).isNull();
    }

    /** A publisher that records log messages and runs {@code onPublish} inside every publish. */
    private static final class Recording implements Publisher {
        private final List<String> messages = new CopyOnWriteArrayList<>();
        private final Runnable onPublish;

        Recording(Runnable onPublish) {
            this.onPublish = onPublish;
        }

        @Override
        public CompletableFuture<Long> publish(String topic, Publication publication) {
            messages.add(String.valueOf(publication.fields().get("message")));
            if (onPublish != null) {
                onPublish.run();
            }
            return CompletableFuture.completedFuture((long) messages.size());
        }

        List<String> messages() {
            return messages;
        }
    }
}
