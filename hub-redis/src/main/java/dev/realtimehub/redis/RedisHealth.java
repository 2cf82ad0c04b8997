package dev.realtimehub.redis;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the Redis connections: logs a loss once (not at every reconnect attempt) and the recovery once, and runs the
 * catch-up when a connection comes back. Thread-safe.
 */
final class RedisHealth implements RedisConnectionStateListener {

    private static final Logger LOG = LoggerFactory.getLogger(RedisHealth.class);

    private final AtomicBoolean down = new AtomicBoolean();
    private volatile Runnable onReconnect = () -> { };

    void onReconnect(Runnable action) {
        this.onReconnect = action;
    }

    boolean isDown() {
        return down.get();
    }

    @Override
    public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
        if (down.compareAndSet(false, true)) {
            LOG.warn("lost the connection to Redis; publishing answers 503 until it is back, clients stay connected");
        }
    }

    @Override
    public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
        if (down.compareAndSet(true, false)) {
            LOG.info("reconnected to Redis at {}; catching up from history", address);
        }
        onReconnect.run();
    }
}
