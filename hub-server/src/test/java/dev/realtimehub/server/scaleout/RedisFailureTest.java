package dev.realtimehub.server.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.redis.TestRedis;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.WsTestClient;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Redis going away and coming back, on a private redis-server (never the shared one). */
class RedisFailureTest {

    private static final TopicConfig ORDERS = TopicConfig.builder("orders").history(10_000).build();

    @Test
    void anUnreachableRedisFailsTheStartInOneLine() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        RealtimeHub.Builder builder = RealtimeHub.builder().port(0);
        builder.settings().redisUri("redis://127.0.0.1:" + port);
        assertThatThrownBy(builder::start).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot connect to Redis at redis://127.0.0.1:" + port + ":")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aNodeConfiguredToWaitStartsOnceRedisIsUp() throws Exception {
        try (TestRedis redis = TestRedis.startPrivate()) {
            redis.stop();
            RealtimeHub.Builder builder = RealtimeHub.builder().port(0);
            builder.settings().redisUri(redis.uri()).redisWaitAtStart(true);
            CompletableFuture<RealtimeHub> starting = CompletableFuture.supplyAsync(builder::start);
            assertThat(starting).isNotDone();
            redis.restart();
            try (RealtimeHub hub = starting.get()) {
                assertThat(new HttpTestClient(hub.httpUri()).publish("alerts", "alert", "")).isEqualTo(1);
            }
        }
    }

    @Test
    void whileRedisIsDownClientsStayPublishesAre503AndNothingAcknowledgedIsLost() throws Exception {
        try (TestRedis redis = TestRedis.startPrivate(); Cluster cluster = new Cluster(redis.uri())) {
            RealtimeHub a = cluster.start("a", ORDERS);
            RealtimeHub b = cluster.start("b", ORDERS);
            WsTestClient onA = WsTestClient.connected(a.webSocketUri());
            WsTestClient onB = WsTestClient.connected(b.webSocketUri());
            onA.subscribe("orders");
            onB.subscribe("orders");

            // a publisher that retries every refused event with the same id until it is acknowledged, each time once
            // the node that refused it says it is ready again (its probe went through Redis)
            Set<Long> acknowledged = new ConcurrentSkipListSet<>();
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger next = new AtomicInteger();
            AtomicBoolean running = new AtomicBoolean(true);
            CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> {
                List<HttpTestClient> targets = List.of(new HttpTestClient(a.httpUri()), new HttpTestClient(b.httpUri()));
                while (running.get()) {
                    int n = next.getAndIncrement();
                    String body = "{\"topic\":\"orders\",\"type\":\"order\",\"id\":\"o-" + n + "\",\"n\":" + n + "}";
                    HttpTestClient target = targets.get(n % 2);
                    while (true) {
                        HttpTestClient.Reply reply = target.post("/api/publish", body);
                        if (reply.status() == 200) {
                            acknowledged.add(reply.json().path("seqs").get(0).asLong());
                            break;
                        }
                        // 503: refused; 504: Redis went away while running it (it may have been accepted): either
                        // way the same id learns the outcome
                        assertThat(reply.status()).isIn(503, 504);
                        assertThat(reply.raw().headers().firstValue("retry-after")).isPresent();
                        assertThat(reply.json().path("error").asText()).contains("broker");
                        refused.incrementAndGet();
                        await().atMost(Duration.ofSeconds(60)).until(() -> target.get("/health/ready").status() == 200);
                    }
                }
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged.size() >= 100);
            HttpTestClient probeA = new HttpTestClient(a.httpUri());
            assertThat(probeA.get("/health/ready").status()).as("ready through Redis").isEqualTo(200);
            redis.stop();
            await().atMost(Duration.ofSeconds(20)).until(() -> refused.get() >= 1);
            assertThat(onA.isClosed()).isFalse();
            assertThat(onB.isClosed()).isFalse();
            assertThat(probeA.get("/health/ready").status()).as("unready without Redis").isEqualTo(503);
            assertThat(probeA.get("/health").status()).as("but alive").isEqualTo(200);
            redis.restart();
            await().atMost(Duration.ofSeconds(20)).until(() -> probeA.get("/health/ready").status() == 200);
            int before = acknowledged.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= before + 100);
            running.set(false);
            publisher.get();

            long max = acknowledged.stream().mapToLong(Long::longValue).max().orElseThrow();
            assertThat(acknowledged).as("every acknowledged seq, none twice").hasSize((int) max);
            for (WsTestClient client : List.of(onA, onB)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> client.seqs("orders").size() >= max);
                assertThat(client.seqs("orders")).as("exactly once, in order")
                        .containsExactlyElementsOf(acknowledged.stream().sorted().toList());
                client.close();
            }
        }
    }
}
