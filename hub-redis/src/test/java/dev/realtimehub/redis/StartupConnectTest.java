package dev.realtimehub.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code redis.wait-at-start} holds for every part of a node that connects to Redis, not only the broker: the relay and
 * the presence store started while Redis is down wait for it (a node restarted while Redis restarts once died here,
 * its broker connected and its relay refused), a command the start needs is sent again when Redis resets the
 * connection under it, and without the setting they fail at once naming Redis. Against a
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
    void aStartCommandRefusedWhileRedisRestartsIsSentAgainOnceItIsBack() throws Exception {
        // connected first, then Redis goes: the connection is reset and its commands are refused while it reconnects
        // (a node once died here, restarted just as Redis restarted: connected, then its first read failed)
        RedisClient client = rejectingWhileDisconnected();
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            redis.kill();
            AtomicInteger tries = new AtomicInteger();
            AtomicReference<Object> answer = new AtomicReference<>();
            Thread start = new Thread(() -> {
                try {
                    answer.set(StartupConnect.command(waiting, () -> {
                        tries.incrementAndGet();
                        return connection.async().ping().toCompletableFuture();
                    }, 1_000));
                } catch (Throwable e) {
                    answer.set(e);
                }
            });
            start.start();
            await().until(() -> answer.get() != null || tries.get() >= 2);
            assertThat(answer.get()).as("refused while Redis is down: tried again, not failed").isNull();

            redis.restart();
            start.join(30_000);
            assertThat(answer.get()).isEqualTo("PONG");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void withoutWaitingAStartCommandRefusedFailsNamingRedis() throws Exception {
        RedisClient client = rejectingWhileDisconnected();
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            redis.kill();
            RedisSettings failFast = RedisSettings.of(redis.uri());
            assertThatThrownBy(() -> StartupConnect.command(failFast,
                    () -> connection.async().ping().toCompletableFuture(), 1_000))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Redis did not answer at start: ");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void anErrorRedisAnswersWithFailsTheStartAtOnceEvenWhileWaiting() throws Exception {
        RedisClient client = rejectingWhileDisconnected();
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            String key = waiting.keyPrefix() + "a-string";
            connection.sync().set(key, "not a list");
            AtomicInteger tries = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread start = new Thread(() -> {
                try {
                    StartupConnect.command(waiting, () -> {
                        tries.incrementAndGet();
                        return connection.async().lpush(key, "x").toCompletableFuture();
                    }, 1_000);
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            start.start();
            start.join(30_000);

            assertThat(failure.get()).as("failed, not waiting").isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Redis refused a command the start needs: WRONGTYPE");
            assertThat(tries.get()).as("an answer is not sent again").isEqualTo(1);
        } finally {
            client.shutdown();
        }
    }

    /** A client set up as the broker's: it reconnects on its own and refuses commands while disconnected. */
    private RedisClient rejectingWhileDisconnected() {
        RedisClient client = RedisClient.create(RedisURI.create(redis.uri()));
        client.setOptions(ClientOptions.builder().autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        return client;
    }

    @Test
    void withoutWaitingARelayStartedWhileRedisIsDownFailsNamingRedis() throws Exception {
        redis.kill();
        RedisSettings failFast = RedisSettings.of(redis.uri());
        assertThatThrownBy(() -> new RedisRelay(failFast, "node-a", Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot connect to Redis at");
    }
}
