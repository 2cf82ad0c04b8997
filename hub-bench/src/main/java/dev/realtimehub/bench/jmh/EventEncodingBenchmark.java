package dev.realtimehub.bench.jmh;

import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.wire.BatchFrames;
import dev.realtimehub.core.api.Frame;
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
 * The encode-once step: {@link Event#accept} turning a publication into the frame every subscriber shares, and
 * {@link BatchFrames#of} splicing already-encoded events into one {@code batch} frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventEncodingBenchmark {

    /** Bytes of the published event's JSON. */
    @Param({"200"})
    public int payloadBytes;

    /** Items per batch frame ({@code batch-max-items}). */
    @Param({"10", "500"})
    public int batchItems;

    private Publication fromHttp;
    private Publication fromJava;
    private List<Event> events;
    private long seq;

    @Setup
    public void setUp() {
        fromHttp = BenchEvents.publication(payloadBytes, true);
        fromJava = BenchEvents.publication(payloadBytes, false);
        events = BenchEvents.events("logs", batchItems, payloadBytes);
    }

    /** An event published over HTTP (field values are Jackson trees). */
    @Benchmark
    public Event encodeHttpEvent() {
        return Event.accept("bench", ++seq, BenchEvents.NOW_MILLIS, fromHttp);
    }

    /** An event published by an embedding application (plain Java field values). */
    @Benchmark
    public Event encodeJavaEvent() {
        return Event.accept("bench", ++seq, BenchEvents.NOW_MILLIS, fromJava);
    }

    /** One batch frame of {@code batchItems} encoded events. */
    @Benchmark
    public Frame batchFrame() {
        return BatchFrames.of("logs", events, 0, events.size(), BenchEvents.NOW_MILLIS);
    }
}
