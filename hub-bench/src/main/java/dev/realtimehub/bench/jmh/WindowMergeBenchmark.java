package dev.realtimehub.bench.jmh;

import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.delivery.LaneOutbox;
import dev.realtimehub.core.delivery.TopicDispatcher;
import dev.realtimehub.core.topics.DeliveryPolicy;
import dev.realtimehub.core.topics.TopicConfig;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One throttling window of a {@code batch} topic: {@code eventsPerWindow} events go into
 * {@link TopicDispatcher#onEvent} and are held, then the window closes and they leave as {@code batch} frames of at most
 * {@code batchMaxItems} items, fanned out to a few subscribers on a direct lane. The window stays open from one
 * invocation to the next (a steady stream), so every event is merged.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WindowMergeBenchmark {

    /** Events held in one window (2,000 events/s over a 100 ms window is 200). */
    @Param({"200", "2000"})
    public int eventsPerWindow;

    /** Most items per batch frame. */
    @Param({"10", "500"})
    public int batchMaxItems;

    /** Subscribers the batch frames go to. */
    @Param({"10"})
    public int subscribers;

    private List<Event> events;
    private ManualScheduler scheduler;
    private TopicDispatcher dispatcher;

    @Setup
    public void setUp() {
        events = BenchEvents.events("logs", eventsPerWindow, 200);
        scheduler = new ManualScheduler();
        TopicConfig logs = TopicConfig.builder("logs").policy(DeliveryPolicy.BATCH).batchMaxItems(batchMaxItems).build();
        dispatcher = new TopicDispatcher(logs, 0, () -> BenchEvents.NOW_MILLIS, scheduler);
        LaneOutbox outbox = new LaneOutbox(new DirectLane());
        for (int i = 0; i < subscribers; i++) {
            dispatcher.subscribe(new CountingRecipient(), outbox);
        }
        // open the window once, so every measured event is held and merged
        dispatcher.onEvent(events.get(0));
    }

    /** One window: hold every event, then close the window and fan the batch frames out. */
    @Benchmark
    public long window() {
        for (Event event : events) {
            dispatcher.onEvent(event);
        }
        scheduler.runDue();
        return dispatcher.deliveredSeq();
    }
}
