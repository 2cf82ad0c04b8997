package dev.realtimehub.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.realtimehub.core.broadcast.Broadcasts;
import dev.realtimehub.core.api.HubLogMarkers;
import java.util.List;
import java.util.Objects;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * A Logback appender that puts the hub's own log lines on the {@code logs} topic as {@code log} events
 * ({@code level}, {@code message}, {@code module} = logger name), from a configurable level up.
 *
 * <p>It cannot feed itself: lines about the delivery path are never published, since a line about delivering a log line
 * would publish another, and a failure to read history would report itself through the history that fails. Those are
 * the lines of its loggers (core delivery and broker, the Redis broker and its client, the transport, Netty) and the
 * lines marked {@link HubLogMarkers#DELIVERY_PATH} elsewhere (a snapshot or a recovery that could not read history). A
 * line logged while this appender is publishing on the same thread is dropped too.
 *
 * <p>Thread-safe and lock-free (an {@link UnsynchronizedAppenderBase}): it publishes on the logging thread, which never
 * blocks on the hub.
 */
public final class HubLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    /** Logger name prefixes never published: the path every event takes to a socket, through either broker. */
    static final List<String> DELIVERY_PATH = List.of(
            "dev.realtimehub.core.delivery", "dev.realtimehub.core.broker", "dev.realtimehub.redis", "io.lettuce",
            "dev.realtimehub.transport", "io.netty");

    private static final ThreadLocal<Boolean> PUBLISHING = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final Broadcasts broadcasts;
    private final Level threshold;

    /** An appender publishing through {@code broadcasts} the lines at {@code threshold} and above. */
    public HubLogAppender(Broadcasts broadcasts, Level threshold) {
        this.broadcasts = Objects.requireNonNull(broadcasts, "broadcasts");
        this.threshold = Objects.requireNonNull(threshold, "threshold");
        setName("realtime-hub-logs");
    }

    /**
     * Attaches an appender to the root logger of the running Logback and starts it; returns null for level {@code OFF}.
     *
     * @param level TRACE, DEBUG, INFO, WARN, ERROR or OFF (config key {@code logs.hub-level})
     */
    public static HubLogAppender attach(Broadcasts broadcasts, String level) {
        Level threshold = Level.toLevel(level, null);
        if (threshold == null) {
            throw new IllegalArgumentException("level: expected TRACE, DEBUG, INFO, WARN, ERROR or OFF but was " + level);
        }
        if (threshold == Level.OFF) {
            return null;
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        HubLogAppender appender = new HubLogAppender(broadcasts, threshold);
        appender.setContext(context);
        appender.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
        return appender;
    }

    /** Takes this appender off the root logger and stops it. Idempotent. */
    public void detach() {
        Logger root = ((LoggerContext) getContext()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(this);
        stop();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(threshold) || PUBLISHING.get() || onDeliveryPath(event.getLoggerName())
                || markedDeliveryPath(event.getMarkerList())) {
            return;
        }
        PUBLISHING.set(Boolean.TRUE);
        try {
            broadcasts.log(event.getLevel().toString(), message(event), event.getLoggerName());
        } catch (RuntimeException e) {
            // the hub is closing or refused the line: nowhere to report it without logging again
        } finally {
            PUBLISHING.set(Boolean.FALSE);
        }
    }

    static boolean onDeliveryPath(String loggerName) {
        for (String prefix : DELIVERY_PATH) {
            if (loggerName.startsWith(prefix)
                    && (loggerName.length() == prefix.length() || loggerName.charAt(prefix.length()) == '.')) {
                return true;
            }
        }
        return false;
    }

    private static boolean markedDeliveryPath(List<Marker> markers) {
        if (markers != null) {
            for (Marker marker : markers) {
                if (marker.contains(HubLogMarkers.DELIVERY_PATH)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String message(ILoggingEvent event) {
        String message = event.getFormattedMessage() == null ? "" : event.getFormattedMessage();
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown == null) {
            return message;
        }
        return message + " (" + thrown.getClassName() + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage())
                + ")";
    }
}
