package dev.realtimehub.redis;

import io.lettuce.core.RedisConnectionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a Redis connection at start the way {@code redis.wait-at-start} says, for every part of a node that holds one
 * (broker, presence, relay): fail at once with a message naming Redis, or keep trying (200 ms doubling to 5 s) until
 * it answers. A node whose Redis restarts while it starts then waits for it in every part, instead of having one part
 * connect and the next die on a refused connection.
 *
 * <p>Stateless; blocks the calling (starting) thread only.
 */
final class StartupConnect {

    private static final Logger LOG = LoggerFactory.getLogger(StartupConnect.class);

    private StartupConnect() {
    }

    /** {@code connector}'s connection, retried while Redis refuses if {@code settings.waitAtStart()}. */
    static <C> C connect(RedisSettings settings, Supplier<C> connector) {
        long backoff = 200;
        boolean said = false;
        while (true) {
            try {
                return connector.get();
            } catch (RedisConnectionException e) {
                if (!settings.waitAtStart()) {
                    throw new IllegalStateException("cannot connect to Redis at " + settings.uri() + ": "
                            + rootMessage(e), e);
                }
                if (!said) {
                    LOG.warn("waiting for Redis at {}: {}", settings.uri(), rootMessage(e));
                    said = true;
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for Redis", interrupted);
                }
                backoff = Math.min(backoff * 2, 5_000);
            }
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
