package dev.realtimehub.server.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.realtimehub.server.RealtimeHub;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Stopping a node over Redis (what SIGTERM does) is a shutdown, not an outage: it says so at INFO and warns of nothing. */
class OrderlyShutdownTest {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger redisLogs = (Logger) LoggerFactory.getLogger("dev.realtimehub.redis");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Level redisLevel;

    @BeforeEach
    void capture() {
        redisLevel = redisLogs.getLevel();
        redisLogs.setLevel(Level.INFO); // the test config logs WARN and above only
        logged.start();
        root.addAppender(logged);
    }

    @AfterEach
    void release() {
        root.detachAppender(logged);
        redisLogs.setLevel(redisLevel);
    }

    /** How many lines were logged so far; an appender appends under its own lock. */
    private int logged() {
        synchronized (logged) {
            return logged.list.size();
        }
    }

    private List<ILoggingEvent> loggedSince(int from) {
        synchronized (logged) {
            return List.copyOf(logged.list.subList(from, logged.list.size()));
        }
    }

    private static boolean aboutRedis(ILoggingEvent event) {
        return event.getLoggerName().startsWith("dev.realtimehub.redis") || event.getLoggerName().startsWith("io.lettuce")
                || event.getFormattedMessage().toLowerCase().contains("redis");
    }

    @Test
    void closingANodeLogsTheShutdownAtInfoAndNoWarningAboutRedis() {
        try (Cluster cluster = new Cluster(Cluster.SHARED_REDIS)) {
            RealtimeHub node = cluster.start("a");
            int before = logged();

            node.close(); // returns once the Redis client's threads are done

            List<ILoggingEvent> closing = loggedSince(before);
            assertThat(closing).filteredOn(OrderlyShutdownTest::aboutRedis)
                    .noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .anyMatch(e -> e.getLevel() == Level.INFO
                            && e.getFormattedMessage().equals("Redis connection closed: hub shutting down"));
        }
    }
}
