package dev.realtimehub.redis;

import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisLoadingException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a Redis connection, and sends the commands a node needs before it starts, the way {@code redis.wait-at-start}
 * says, for every part of a node that holds one (broker, presence, relay): fail at once with a message naming Redis, or
 * keep trying (200 ms doubling to 5 s) until it answers. A node whose Redis restarts while it starts then waits for it
 * in every part, instead of having one part connect and the next die on a refused connection.
 *
 * <p>Stateless; blocks the calling (starting) thread only.
 */
final class StartupConnect {

    private static final Logger LOG = LoggerFactory.getLogger(StartupConnect.class);

    private StartupConnect() {
    }

    /** {@code connector}'s connection, retried while Redis refuses if {@code settings.waitAtStart()}. */
    static <C> C connect(RedisSettings settings, Supplier<C> connector) {
        return retrying(settings, "cannot connect to Redis at " + settings.uri(), "", () -> {
            try {
                return connector.get();
            } catch (RedisConnectionException e) {
                throw new Unanswered(e);
            }
        });
    }

    /**
     * The answer of a command a node needs before it starts (where a topic stands, the channel subscriptions), waiting
     * at most {@code timeoutMs} for each try. A command that fails or does not answer fails the start with a message
     * naming Redis, unless {@code settings.waitAtStart()}: then it is sent again until Redis answers, so that a Redis
     * restarting just as the node starts (its connection reset, its commands refused while it reconnects, its data
     * still loading) is waited for here too, not only a refused connect. An error Redis answers with (a key of the
     * wrong type, a script error) is an answer: it fails the start at once, waiting or not. {@code command} must be
     * safe to send twice.
     */
    static <T> T command(RedisSettings settings, Supplier<CompletableFuture<T>> command, long timeoutMs) {
        return retrying(settings, "Redis did not answer at start", " to answer", () -> {
            try {
                return command.get().get(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Redis", interrupted);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                RedisCommandExecutionException error = errorReply(e);
                if (error != null && !(error instanceof RedisLoadingException || error instanceof RedisBusyException)) {
                    throw new IllegalStateException("Redis refused a command the start needs: " + error.getMessage(),
                            error);
                }
                throw new Unanswered(e);
            }
        });
    }

    /** The error Redis answered with, if that is among {@code e}'s causes. */
    private static RedisCommandExecutionException errorReply(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RedisCommandExecutionException error) {
                return error;
            }
        }
        return null;
    }

    /**
     * {@code attempt}'s result; while it ends {@link Unanswered}, fails with {@code failure} and the reason, or, if
     * {@code settings.waitAtStart()}, says once that it waits and tries again (200 ms doubling to 5 s).
     */
    private static <T> T retrying(RedisSettings settings, String failure, String waitingFor, Supplier<T> attempt) {
        long backoff = 200;
        boolean said = false;
        while (true) {
            try {
                return attempt.get();
            } catch (Unanswered unanswered) {
                Throwable reason = unanswered.getCause();
                if (!settings.waitAtStart()) {
                    throw new IllegalStateException(failure + ": " + rootMessage(reason), reason);
                }
                if (!said) {
                    LOG.warn("waiting for Redis at {}{}: {}", settings.uri(), waitingFor, rootMessage(reason));
                    said = true;
                }
                pause(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    /** A try Redis did not answer (refused, reset, timed out): the one failure {@link #retrying} may try again. */
    private static final class Unanswered extends RuntimeException {
        Unanswered(Throwable reason) {
            super(reason);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Redis", interrupted);
        }
    }

    /** The innermost message of {@code e}'s causes. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }
}
