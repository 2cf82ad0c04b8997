package dev.realtimehub.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.api.RuleAction;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.WsTestClient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Hundreds of bad inputs against one real hub — bad JSON and protocol frames, bad WebSocket frames, floods, bad
 * handshakes, malformed HTTP and bad API bodies — each answered with a clear error or a clean close. Meanwhile a
 * witness client receives a steady stream of events; the last test checks it missed none, that the hub still serves,
 * that its connection count is back to the witness alone, that no bad publish got through, and that nothing was
 * logged as a failure.
 *
 * <p>The hub's limits are small so floods and stalls trip fast: 50 frames per second, 4 subscriptions per connection,
 * 64 KiB messages, a 500 ms request deadline.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputSuiteTest {

    static final int FRAMES_PER_SECOND = 50;
    static final String WITNESS_TOPIC = "witness";

    private static RealtimeHub hub;
    private static WsTestClient witness;
    private static long witnessFrom;
    private static ScheduledExecutorService publisher;
    private static final List<CompletableFuture<Long>> PUBLISHED = new CopyOnWriteArrayList<>();
    private static final ListAppender<ILoggingEvent> LOGGED = new ListAppender<>();

    @BeforeAll
    static void startHubWitnessAndPublisher() {
        RealtimeHub.Builder builder = RealtimeHub.builder().port(0).topic(TopicConfig.builder(WITNESS_TOPIC).build());
        builder.settings().framesPerSecond(FRAMES_PER_SECOND).maxSubscriptions(4);
        builder.settings().transport().handshakeTimeoutMs(500).maxFrameBytes(64 * 1024);
        LOGGED.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOGGED);
        hub = builder.start();
        for (int i = 1; i <= BadTextFrames.RULES_EVENTS; i++) {
            hub.broadcasts().ruleChange(i, RuleAction.CREATED).join();
        }
        witness = WsTestClient.connected(hub.webSocketUri());
        witnessFrom = witness.subscribe(WITNESS_TOPIC).path("seq").asLong();
        AtomicInteger tick = new AtomicInteger();
        publisher = Executors.newSingleThreadScheduledExecutor();
        publisher.scheduleAtFixedRate(() -> PUBLISHED.add(hub.publish(WITNESS_TOPIC,
                Publication.builder("tick").field("n", tick.incrementAndGet()).build())), 0, 20, TimeUnit.MILLISECONDS);
        await().until(() -> hub.engine().connectionCount() == 1);
    }

    @AfterAll
    static void stop() {
        publisher.shutdownNow();
        witness.close();
        hub.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOGGED);
    }

    // ---- WebSocket text frames: each case on a fresh connection ----

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource({"dev.realtimehub.server.security.BadTextFrames#invalidJson",
        "dev.realtimehub.server.security.BadTextFrames#notAnObject",
        "dev.realtimehub.server.security.BadTextFrames#depthAndSize",
        "dev.realtimehub.server.security.BadTextFrames#oddEncodings"})
    void jsonThatIsNotAProtocolMessageGetsAnErrorFrame(WsProbe.Case probe) throws IOException {
        WsProbe.run(hub.port(), probe);
    }

    @Order(2)
    @ParameterizedTest(name = "{0}")
    @MethodSource({"dev.realtimehub.server.security.BadTextFrames#actionOfWrongType",
        "dev.realtimehub.server.security.BadTextFrames#unknownActions"})
    void aMissingWrongOrUnknownActionGetsAnErrorFrame(WsProbe.Case probe) throws IOException {
        WsProbe.run(hub.port(), probe);
    }

    @Order(3)
    @ParameterizedTest(name = "{0}")
    @MethodSource({"dev.realtimehub.server.security.BadTextFrames#subscribeTopics",
        "dev.realtimehub.server.security.BadTextFrames#unsubscribeTopics"})
    void oddTopicsAreRefusedWithAReason(WsProbe.Case probe) throws IOException {
        WsProbe.run(hub.port(), probe);
    }

    @Order(4)
    @ParameterizedTest(name = "{0}")
    @MethodSource({"dev.realtimehub.server.security.BadTextFrames#sinceValues",
        "dev.realtimehub.server.security.BadTextFrames#epochValues"})
    void badSinceAndEpochAreRefusedAndOddOnesRecoverNothing(WsProbe.Case probe) throws IOException {
        WsProbe.run(hub.port(), probe);
    }

    // ---- WebSocket frames ----

    @Order(5)
    @ParameterizedTest(name = "{0}")
    @MethodSource({"dev.realtimehub.server.security.BadFrames#binary",
        "dev.realtimehub.server.security.BadFrames#fragmentation",
        "dev.realtimehub.server.security.BadFrames#sizes"})
    void binaryFragmentedAndOversizedMessages(WsProbe.Case probe) throws IOException {
        WsProbe.run(hub.port(), probe);
    }

    @Order(6)
    @ParameterizedTest(name = "{0}")
    @MethodSource({"dev.realtimehub.server.security.BadFrames#invalidUtf8",
        "dev.realtimehub.server.security.BadFrames#maskingAndReservedBits",
        "dev.realtimehub.server.security.BadFrames#controlFrames",
        "dev.realtimehub.server.security.BadFrames#closeFrames"})
    void framesBreakingRfc6455CloseWithTheRightCode(WsProbe.Case probe) throws IOException {
        WsProbe.run(hub.port(), probe);
    }

    @Order(7)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.realtimehub.server.security.Floods#webSocketFloods")
    void floodsGetOneWarningThenA1008Close(WsProbe.Case probe) throws IOException {
        WsProbe.run(hub.port(), probe);
    }

    // ---- handshakes and HTTP: each case on a fresh connection ----

    @Order(8)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.realtimehub.server.security.BadHandshakes#handshakes")
    void badHandshakesAreRefusedWithoutAnUpgrade(HttpProbe.Case probe) throws IOException {
        HttpProbe.run(hub.port(), probe);
    }

    @Order(9)
    @ParameterizedTest(name = "{0}")
    @MethodSource({"dev.realtimehub.server.security.BadHandshakes#malformedRequests",
        "dev.realtimehub.server.security.BadHandshakes#stalls"})
    void malformedHttpGetsAClearStatusAndStalledRequestsAreClosed(HttpProbe.Case probe) throws IOException {
        HttpProbe.run(hub.port(), probe);
    }

    @Order(10)
    @ParameterizedTest(name = "{0}")
    @MethodSource({"dev.realtimehub.server.security.BadHttpBodies#publishBodies",
        "dev.realtimehub.server.security.BadHttpBodies#eventsBodies",
        "dev.realtimehub.server.security.BadHttpBodies#disconnectBodies",
        "dev.realtimehub.server.security.BadHttpBodies#pathsAndMethods"})
    void badApiRequestsGetAJsonErrorAndChangeNothing(HttpProbe.Case probe) throws IOException {
        HttpProbe.run(hub.port(), probe);
    }

    @Order(11)
    @Test
    void pipelinedBadRequestsAreEachAnsweredInOrder() throws IOException {
        Floods.pipelinedBadPublishes(hub.port(), 300);
    }

    @Order(12)
    @Test
    void aChunkedBodyOverTheLimitIs413() throws IOException {
        Floods.chunkedBodyOverTheLimit(hub.port());
    }

    @Order(13)
    @Test
    void aHugeBodyFromARealClientGets413NotAReset() {
        for (int size : new int[] {2, 4}) {
            HttpTestClient.Reply reply = new HttpTestClient(hub.httpUri()).post(BadHttpBodies.PUBLISH,
                    "{\"topic\":\"alerts\",\"type\":\"x\",\"pad\":\"" + "x".repeat(size * 1024 * 1024) + "\"}");
            assertThat(reply.status()).as("%d MiB", size).isEqualTo(413);
            assertThat(reply.json().path("error").asText()).isEqualTo(BadHandshakes.tooLarge().error());
        }
    }

    @Order(14)
    @Test
    void anUploadOverTheLimitGets413AndIsNotResetWhileStillSending() throws Exception {
        Floods.uploadOverTheLimitIsAnsweredAndDrained(hub.port(), 3);
    }

    @Order(15)
    @Test
    void manyBadClientsAtOnceAreEachAnswered() throws Exception {
        Floods.concurrentBadClients(hub.port(), 20);
    }

    // ---- afterwards ----

    @Order(100)
    @Test
    void afterwardsTheHubServesTheWitnessMissedNothingAndNoConnectionLeaked() {
        publisher.shutdown();
        await().until(() -> publisher.awaitTermination(1, TimeUnit.SECONDS));
        long last = PUBLISHED.stream().mapToLong(CompletableFuture::join).max().orElseThrow();
        assertThat(last).as("events published during the suite").isGreaterThan(witnessFrom + 10);
        List<Long> expected = LongStream.rangeClosed(witnessFrom + 1, last).boxed().toList();
        await().atMost(Duration.ofSeconds(20)).until(() -> witness.seqs(WITNESS_TOPIC).size() >= expected.size());
        assertThat(witness.seqs(WITNESS_TOPIC)).as("every event once, in order").isEqualTo(expected);
        assertThat(witness.isClosed()).isFalse();

        assertThat(new HttpTestClient(hub.httpUri()).get("/health").status()).isEqualTo(200);
        try (WsTestClient fresh = WsTestClient.connected(hub.webSocketUri())) {
            assertThat(fresh.subscribe("rules").path("success").asBoolean()).isTrue();
            assertThat(fresh.request("{\"action\":\"ping\"}", "pong", null)).isNotNull();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(hub.engine().connectionCount()).as("open connections: the witness alone").isEqualTo(1));
        assertThat(hub.engine().position(BadHttpBodies.TOPIC).seq()).as("bad publishes and events published nothing")
                .isZero();
        assertThat(LOGGED.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .as("warnings and errors logged during the suite").isEmpty();
    }
}
