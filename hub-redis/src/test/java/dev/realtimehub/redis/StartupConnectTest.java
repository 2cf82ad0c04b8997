package dev.realtimehub.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code redis.wait-at-start} holds for every part of a node that connects to Redis, not only the broker: the relay and
 * the presence store started while Redis is down wait for it (a node restarted while Redis restarts once died here,
 * its broker connected and its relay refused), and without the setting they fail at once naming Redis. Against a
 * private redis-server that the test stops and starts.
 */
class StartupConnectTest {

    private TestRedis redis;
    private RedisSettings waiting;

    @BeforeEach
    void start() throws Exception {
        redis = TestRedis.startPrivate(false);
        RedisSettings base = RedisSettings.of(redis.uri()).withKeyPrefix(TestRedis.uniquePrefix());
        waiting = new RedisSettings(base.uri(), base.keyPrefix(), base.idempotencyMs(), base.commandTimeoutMs(), true,
                base.channelTtlMs());
    }

    @AfterEach
    void stop() throws Exception {
        redis.close();
    }

    @Test
    void aRelayAndAPresenceStoreStartedWhileRedisIsDownWaitForItAndThenWork() throws Exception {
        redis.kill();
        AtomicReference<RedisRelay> relay = new AtomicReference<>();
        AtomicReference<RedisPresenceStore> presence = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread relayStart = new Thread(() -> {
            try {
                relay.set(new RedisRelay(waiting, "node-a", Duration.ofSeconds(5)));
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        Thread presenceStart = new Thread(() -> {
            try {
                RedisPresenceStore store = new RedisPresenceStore(waiting);
                store.start("node-a", change -> { });
                presence.set(store);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        relayStart.start();
        presenceStart.start();
        // both are in their backoff: waiting, not failed
        await().until(() -> failure.get() != null || (relayStart.getState() == Thread.State.TIMED_WAITING
                && presenceStart.getState() == Thread.State.TIMED_WAITING));
        assertThat(failure.get()).as("started while Redis was down").isNull();

        redis.restart();
        relayStart.join(30_000);
        presenceStart.join(30_000);
        assertThat(failure.get()).isNull();
        assertThat(relay.get()).isNotNull();
        assertThat(presence.get()).isNotNull();
        try (RedisRelay other = new RedisRelay(waiting, "node-b", Duration.ofSeconds(5))) {
            relay.get().serve(message -> CompletableFuture.completedFuture("a saw " + message));
            assertThat(other.request("node-a", "hello").get()).isEqualTo("a saw hello");
        } finally {
            relay.get().close();
            presence.get().close();
        }
    }

    @Test
    void withoutWaitingARelayStartedWhileRedisIsDownFailsNamingRedis() throws Exception {
        redis.kill();
        RedisSettings failFast = RedisSettings.of(redis.uri());
        assertThatThrownBy(() -> new RedisRelay(failFast, "node-a", Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot connect to Redis at");
    }
}
