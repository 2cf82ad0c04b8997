package dev.realtimehub.bench.jmh;

import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.auth.Identity;
import dev.realtimehub.core.spi.ConnectionInbound;
import dev.realtimehub.core.api.Frame;
import dev.realtimehub.core.delivery.LaneOutbox;
import dev.realtimehub.core.delivery.Recipient;
import dev.realtimehub.core.topics.TopicConfig;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fan-out scheduling: a burst of frames through one lane's {@link LaneOutbox} — enqueued, then drained in one task that
 * offers each frame to every recipient and flushes each recipient once — first with recipients that only count (the
 * scheduling alone), then end to end through core with real {@link Connection}s on counting sessions
 * ({@code HubEngine.publish}: seq, encoding, history, dispatcher, outbox, per-connection checks).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FanOutBenchmark {

    /** Recipients on the lane. */
    @Param({"1000", "10000"})
    public int recipients;

    /** Frames enqueued before the lane drains (1: every event alone; more: a burst, one flush per recipient). */
    @Param({"1", "16"})
    public int burst;

    private ManualLane lane;
    private LaneOutbox outbox;
    private Recipient[] counting;
    private Frame frame;

    private HubEngine hub;
    private ManualLane hubLane;
    private Publication publication;

    @Setup
    public void setUp() {
        lane = new ManualLane();
        outbox = new LaneOutbox(lane);
        counting = new Recipient[recipients];
        for (int i = 0; i < recipients; i++) {
            counting[i] = new CountingRecipient();
        }
        Event event = BenchEvents.events("bench", 1, 200).get(0);
        frame = event.frame();

        hub = HubEngine.builder().scheduler(new ManualScheduler()).topic(TopicConfig.builder("bench").build()).build();
        hubLane = new ManualLane();
        for (int i = 0; i < recipients; i++) {
            ConnectionInbound connection = hub.gateway().open(new CountingSession(hubLane), Identity.ANONYMOUS);
            connection.onText("{\"action\":\"subscribe\",\"topic\":\"bench\"}");
        }
        publication = BenchEvents.publication(200, true);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        hub.close();
    }

    /** {@code burst} frames through the outbox to counting recipients, drained in one lane task. */
    @Benchmark
    public int outboxBurst() {
        for (int i = 0; i < burst; i++) {
            outbox.enqueue(0, frame, counting);
        }
        lane.runPending();
        return outbox.backlog();
    }

    /** {@code burst} events published through core to {@code recipients} subscribed connections, then one drain. */
    @Benchmark
    public long publishToConnections() {
        long seq = 0;
        for (int i = 0; i < burst; i++) {
            seq = hub.publish("bench", publication).join();
        }
        hubLane.runPending();
        return seq;
    }
}
