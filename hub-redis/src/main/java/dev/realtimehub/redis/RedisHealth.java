package dev.realtimehub.redis;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the Redis connections: logs a loss once (not at every reconnect attempt) and the recovery once, and runs the
 * catch-up when a connection comes back. A connection closed by the broker's own {@code close()} is no loss.
 * Thread-safe.
 */
final class RedisHealth implements RedisConnectionStateListener {

    private static final Logger LOG = LoggerFactory.getLogger(RedisHealth.class);

    /** The connections (commands, pub/sub) that are down now; the outage starts with the first, ends with the last. */
    private final Set<RedisChannelHandler<?, ?>> down = ConcurrentHashMap.newKeySet();
    private volatile Runnable onReconnect = () -> { };
    /** Set when the broker closes: from then on a connection going down is the shutdown, not an outage. */
    private volatile boolean closing;

    void onReconnect(Runnable action) {
        this.onReconnect = action;
    }

    /** The broker is closing its connections on purpose; any thread. */
    void closing() {
        closing = true;
    }

    @Override
    public synchronized void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
        if (closing) {
            return; // the broker reports its own shutdown, once, at INFO
        }
        boolean first = down.isEmpty();
        if (down.add(connection) && first) {
            LOG.warn("lost the connection to Redis; publishing answers 503 until it is back, clients stay connected");
        }
    }

    @Override
    public synchronized void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
        if (down.remove(connection) && down.isEmpty()) {
            LOG.info("reconnected to Redis at {}; catching up from history", address);
        }
        onReconnect.run();
    }
}
