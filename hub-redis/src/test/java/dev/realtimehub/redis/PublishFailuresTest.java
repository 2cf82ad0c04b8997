package dev.realtimehub.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.core.api.PublishOutcomeUnknownException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** A publish Redis certainly did not run is refused; one it may have run is "outcome unknown", never a refusal. */
class PublishFailuresTest {

    @Test
    void anErrorReplyOrACommandRejectedWhileDisconnectedIsARefusal() {
        RedisCommandExecutionException error = new RedisCommandExecutionException("ERR script failed");
        assertThat(PublishFailures.classify(new CompletionException(error))).isSameAs(error);
        RedisException rejected = new RedisException("Currently not connected. Commands are rejected.");
        assertThat(PublishFailures.classify(rejected)).isSameAs(rejected);
    }

    @Test
    void aConnectionThatBrokeOrAnAnswerThatTimedOutAfterTheCommandWasSentIsUnknown() {
        for (Throwable failure : new Throwable[] {
            new IOException("Connection reset by peer"),
            new RedisCommandTimeoutException("Command timed out after 1 second(s)"),
            new RedisException("Connection closed"),
        }) {
            RuntimeException classified = PublishFailures.classify(new CompletionException(failure));
            assertThat(classified).isInstanceOf(PublishOutcomeUnknownException.class)
                    .hasMessageContaining("may have been accepted").hasCause(failure);
        }
    }
}
