package dev.realtimehub.redis;

import dev.realtimehub.core.api.PublishOutcomeUnknownException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import java.util.concurrent.CompletionException;

/**
 * What a failed publish script means for its publisher: refused (Redis answered with an error, or the command was
 * rejected before it was sent because the connection was down) — nothing was accepted — or unknown (the connection
 * broke or the answer timed out after it was sent: Redis may have run it, and then the event is delivered).
 *
 * <p>Stateless.
 */
final class PublishFailures {

    /** Lettuce's words for a command rejected while disconnected (ClientOptions.DisconnectedBehavior.REJECT_COMMANDS). */
    private static final String REJECTED = "Currently not connected";

    private PublishFailures() {
    }

    /** The exception a publish fails with, for {@code failure} of its script. */
    static RuntimeException classify(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (isRefusal(cause)) {
            return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
        }
        return new PublishOutcomeUnknownException("the connection to Redis broke after the event was sent ("
                + cause + "): it may have been accepted", cause);
    }

    /** Whether Redis certainly did not run the command. */
    static boolean isRefusal(Throwable cause) {
        return cause instanceof RedisCommandExecutionException
                || cause instanceof RedisException && cause.getMessage() != null
                && cause.getMessage().startsWith(REJECTED);
    }
}
