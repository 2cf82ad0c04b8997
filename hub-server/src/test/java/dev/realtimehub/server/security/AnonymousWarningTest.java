package dev.realtimehub.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.Tokens;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AnonymousWarningTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(RealtimeHub.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
    }

    private List<String> warnings() {
        return appender.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void listeningBeyondLoopbackWithAnonymousAccessWarnsLoudly() {
        try (RealtimeHub hub = RealtimeHub.builder().host("0.0.0.0").port(0).start()) {
            assertThat(warnings()).anyMatch(w -> w.contains("ANONYMOUS ACCESS") && w.contains("0.0.0.0")
                    && w.contains("auth.anonymous"));
        }
    }

    @Test
    void loopbackOrTokensOnlyStayQuiet() {
        try (RealtimeHub hub = RealtimeHub.builder().port(0).start()) {
            assertThat(warnings()).isEmpty();
        }
        RealtimeHub.Builder secured = RealtimeHub.builder().host("0.0.0.0").port(0);
        secured.settings().security().anonymous(false).jwtHmacSecret(Tokens.SECRET).apiKeys(List.of("0123456789abcdef"));
        try (RealtimeHub hub = secured.start()) {
            assertThat(warnings()).isEmpty();
        }
    }
}
