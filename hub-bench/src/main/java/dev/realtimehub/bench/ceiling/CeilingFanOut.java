package dev.realtimehub.bench.ceiling;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The ceiling server's whole delivery path: a seq per topic, each event encoded once into one shared wire buffer, and a
 * retained duplicate of that buffer handed to every event loop's {@link CeilingLane} — nothing else (no history, no
 * windows, no targeting, no recovery), which is what makes it the ceiling.
 *
 * <p>Thread-safe. Per topic, seq assignment and the hand-off to lanes happen under one lock, so every lane sees a
 * topic's events in seq order.
 */
final class CeilingFanOut {

    /** Queued bytes past which a subscriber is closed, as the hub's default {@code limits.outbound-hard-bytes}. */
    static final long HARD_LIMIT_BYTES = 1024 * 1024;
    /** Longest a publish waits for an unwritable audience by default, as the hub's {@code publish.max-wait-ms}. */
    static final long MAX_HOLD_MILLIS = 2000;

    private final Map<EventExecutor, CeilingLane> byLoop = new IdentityHashMap<>();
    private final CeilingLane[] lanes;
    private final ConcurrentHashMap<String, TopicSeq> topics = new ConcurrentHashMap<>();
    private final LongAdder slowConsumers = new LongAdder();
    private final LongAdder published = new LongAdder();
    private final AudienceWritability audience;

    CeilingFanOut(EventLoopGroup workers, CeilingTuning tuning) {
        this.audience = new AudienceWritability(tuning.maxHoldMillis(), tuning.holdAbove());
        List<CeilingLane> all = new ArrayList<>();
        for (EventExecutor loop : workers) {
            CeilingLane lane = new CeilingLane((EventLoop) loop, HARD_LIMIT_BYTES, slowConsumers);
            byLoop.put(loop, lane);
            all.add(lane);
        }
        this.lanes = all.toArray(CeilingLane[]::new);
    }

    /** The subscribers' writability, which holds publishers back. */
    AudienceWritability audience() {
        return audience;
    }

    /** The lane of {@code loop}. */
    CeilingLane lane(EventLoop loop) {
        return byLoop.get(loop);
    }

    /**
     * Publishes one checked event ({@code topic} and {@code type} are strings); any thread.
     *
     * @return its seq
     */
    long publish(JsonNode event) {
        TopicSeq topic = topics.computeIfAbsent(event.get("topic").textValue(), TopicSeq::new);
        synchronized (topic) {
            long seq = ++topic.seq;
            byte[] json = CeilingFrames.event(event, seq, System.currentTimeMillis());
            ByteBuf wire = CeilingFrames.wire(json, PooledByteBufAllocator.DEFAULT);
            try {
                for (CeilingLane lane : lanes) {
                    lane.enqueue(topic.name, wire.retainedDuplicate());
                }
            } finally {
                wire.release();
            }
            published.increment();
            return seq;
        }
    }

    /** The last seq of {@code topic} (0 before its first event). */
    long seq(String topic) {
        TopicSeq state = topics.get(topic);
        if (state == null) {
            return 0;
        }
        synchronized (state) {
            return state.seq;
        }
    }

    /** Open WebSocket connections. */
    int connections() {
        int total = 0;
        for (CeilingLane lane : lanes) {
            total += lane.connections();
        }
        return total;
    }

    /** Connections closed for falling more than {@link #HARD_LIMIT_BYTES} behind. */
    long slowConsumers() {
        return slowConsumers.sum();
    }

    /** Events published. */
    long published() {
        return published.sum();
    }

    /** One topic's seq; guarded by its own monitor. */
    private static final class TopicSeq {
        final String name;
        long seq;

        TopicSeq(String name) {
            this.name = name;
        }
    }
}
