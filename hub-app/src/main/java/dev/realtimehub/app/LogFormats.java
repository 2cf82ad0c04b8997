package dev.realtimehub.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import dev.realtimehub.server.config.OperationsConfig.LogFormat;
import org.slf4j.LoggerFactory;

/**
 * Switches the command's console log between human-readable lines ({@code logback.xml}'s {@code CONSOLE} appender, the
 * default) and JSON lines, one object per event, for log collectors ({@code --log-format json}, {@code log.format}).
 *
 * <p>Called once at start, before the hub logs anything; not thread-safe.
 */
final class LogFormats {

    /** The name of the console appender in {@code logback.xml}. */
    static final String CONSOLE = "CONSOLE";
    static final String CONSOLE_JSON = "CONSOLE_JSON";

    private LogFormats() {
    }

    /** Applies {@code format} to the root logger's console output. */
    static void apply(LogFormat format) {
        if (format != LogFormat.JSON || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(CONSOLE_JSON) != null) {
            return;
        }
        root.addAppender(jsonConsole(context));
        Appender<ILoggingEvent> text = root.getAppender(CONSOLE);
        if (text != null) {
            root.detachAppender(text);
            text.stop();
        }
    }

    private static ConsoleAppender<ILoggingEvent> jsonConsole(LoggerContext context) {
        JsonLogLayout layout = new JsonLogLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(CONSOLE_JSON);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }
}
