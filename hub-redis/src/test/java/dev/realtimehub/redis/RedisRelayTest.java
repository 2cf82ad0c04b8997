package dev.realtimehub.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.realtimehub.core.spi.NodeRelay;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests between nodes over the Redis on 127.0.0.1:6379, in a key prefix of their own. */
class RedisRelayTest {

    private final TestRedis redis = TestRedis.shared();
    private RedisSettings settings;
    private RedisRelay a;
    private RedisRelay b;

    @BeforeEach
    void twoNodes() {
        settings = RedisSettings.of(redis.uri()).withKeyPrefix(TestRedis.uniquePrefix());
        a = new RedisRelay(settings, "node-a", Duration.ofSeconds(5));
        b = new RedisRelay(settings, "node-b", Duration.ofMillis(500));
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    @Test
    void aRequestReachesTheNamedNodeAndItsAnswerComesBack() {
        b.serve(message -> CompletableFuture.completedFuture("b saw " + message));
        a.serve(message -> CompletableFuture.completedFuture("a saw " + message));

        assertThat(a.request("node-b", "hello").join()).isEqualTo("b saw hello");
        assertThat(b.request("node-a", "hi").join()).isEqualTo("a saw hi");
    }

    @Test
    void answersGoToTheRequestThatAskedWhenManyAreInFlight() {
        b.serve(message -> CompletableFuture.completedFuture(message.toUpperCase()));
        List<CompletableFuture<String>> answers = java.util.stream.IntStream.range(0, 200)
                .mapToObj(i -> a.request("node-b", "m" + i)).toList();
        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i).join()).isEqualTo("M" + i);
        }
    }

    @Test
    void aNodeNobodyListensToFailsAtOnce() {
        Throwable failure = catchThrowable(() -> a.request("node-gone", "hello").join());
        assertThat(failure).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(NodeRelay.UnknownNodeException.class)
                .hasMessageContaining("node-gone");
    }

    @Test
    void aNodeThatDoesNotAnswerTimesOut() {
        a.serve(message -> new CompletableFuture<>()); // never answers
        Throwable failure = catchThrowable(() -> b.request("node-a", "hello").join());
        assertThat(failure).isInstanceOf(CompletionException.class).hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void anotherHubsPrefixIsAnotherWorld() {
        RedisRelay stranger = new RedisRelay(RedisSettings.of(redis.uri()).withKeyPrefix(TestRedis.uniquePrefix()),
                "node-b", Duration.ofMillis(500));
        try {
            stranger.serve(message -> CompletableFuture.completedFuture("wrong hub"));
            b.serve(message -> CompletableFuture.completedFuture("right hub"));
            assertThat(a.request("node-b", "hello").join()).isEqualTo("right hub");
        } finally {
            stranger.close();
        }
    }
}
