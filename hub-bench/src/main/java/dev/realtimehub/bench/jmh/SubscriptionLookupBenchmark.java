package dev.realtimehub.bench.jmh;

import dev.realtimehub.core.delivery.LaneOutbox;
import dev.realtimehub.core.delivery.TopicDispatcher;
import dev.realtimehub.core.spi.Clock;
import dev.realtimehub.core.topics.TopicCatalog;
import dev.realtimehub.core.topics.TopicConfig;
import java.util.ArrayList;
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
 * Finding who gets an event: the topic's index from its name ({@link TopicCatalog#indexOf}, on every publish and
 * subscribe), and the dispatcher's copy-on-write subscriber snapshot — read for free on every event, paid for on every
 * subscribe and unsubscribe, with a cost that grows with the subscribers already on the lane.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SubscriptionLookupBenchmark {

    /** Subscribers already on the topic. */
    @Param({"100", "10000"})
    public int subscribers;

    /** Event loops they are spread over. */
    @Param({"1", "2"})
    public int lanes;

    private TopicCatalog catalog;
    private String[] names;
    private int next;
    private TopicDispatcher dispatcher;
    private LaneOutbox[] outboxes;
    private CountingRecipient newcomer;

    @Setup
    public void setUp() {
        List<TopicConfig> declared = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            declared.add(TopicConfig.builder("declared_topic_" + i).build());
        }
        catalog = TopicCatalog.withDefaults(declared);
        names = catalog.names().toArray(String[]::new);
        dispatcher = new TopicDispatcher(TopicConfig.builder("bench").build(), 0, Clock.system(),
                new ManualScheduler());
        outboxes = new LaneOutbox[lanes];
        for (int i = 0; i < lanes; i++) {
            outboxes[i] = new LaneOutbox(new DirectLane());
        }
        for (int i = 0; i < subscribers; i++) {
            dispatcher.subscribe(new CountingRecipient(), outboxes[i % lanes]);
        }
        newcomer = new CountingRecipient();
    }

    /** The index of a topic by name. */
    @Benchmark
    public int topicIndexOf() {
        String name = names[next];
        next = (next + 1) % names.length;
        return catalog.indexOf(name);
    }

    /** One connection joining and leaving a topic that already has {@code subscribers}. */
    @Benchmark
    public long subscribeAndUnsubscribe() {
        long seq = dispatcher.subscribe(newcomer, outboxes[0]);
        dispatcher.unsubscribe(newcomer, outboxes[0]);
        return seq;
    }
}
