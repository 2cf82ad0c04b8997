package dev.realtimehub.bench.ceiling;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.util.internal.PlatformDependent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One event loop of the ceiling server: the subscribers living on it, by topic, and its fan-out queue. Publishers on any
 * thread enqueue a retained duplicate of an event's shared wire buffer; one task on the loop copies the consecutive
 * queued frames of one topic into one run buffer (each event's bytes copied once per loop; a run ends past
 * {@link #MAX_RUN_BYTES}), writes a retained duplicate of the run to each subscriber of the topic (no copy per
 * subscriber, one outbound entry per run rather than per event, as the hub's lanes do) and then flushes each written
 * channel once, so a burst leaves in one system call per connection.
 *
 * <p>{@link #enqueue} from any thread; everything else on the loop only.
 */
final class CeilingLane {

    /** Frames written per task before yielding to the loop's I/O. */
    static final int MAX_ITEMS_PER_DRAIN = 1024;
    /** Bytes past which a run ends and the next frame starts another, as the hub's lanes. */
    static final int MAX_RUN_BYTES = 64 * 1024;

    private final EventLoop loop;
    private final long hardLimitBytes;
    private final LongAdder slowConsumers;
    private final AtomicInteger connections = new AtomicInteger();
    private final Queue<Item> queue = PlatformDependent.newMpscQueue();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    // loop only
    private final Map<String, ArrayList<CeilingSubscriber>> subscribers = new HashMap<>();
    private final ArrayList<CeilingSubscriber> dirty = new ArrayList<>();

    CeilingLane(EventLoop loop, long hardLimitBytes, LongAdder slowConsumers) {
        this.loop = loop;
        this.hardLimitBytes = hardLimitBytes;
        this.slowConsumers = slowConsumers;
    }

    /** Queues {@code wire} (a retained buffer this lane now owns) for the subscribers of {@code topic}; any thread. */
    void enqueue(String topic, ByteBuf wire) {
        queue.offer(new Item(topic, wire));
        if (scheduled.compareAndSet(false, true)) {
            loop.execute(drainTask);
        }
    }

    void opened(CeilingSubscriber subscriber) {
        connections.incrementAndGet();
    }

    /** Adds a subscriber to {@code topic}; false if it already was. */
    boolean subscribe(String topic, CeilingSubscriber subscriber) {
        if (!subscriber.topics().add(topic)) {
            return false;
        }
        subscribers.computeIfAbsent(topic, t -> new ArrayList<>()).add(subscriber);
        return true;
    }

    void unsubscribe(String topic, CeilingSubscriber subscriber) {
        if (subscriber.topics().remove(topic)) {
            ArrayList<CeilingSubscriber> list = subscribers.get(topic);
            if (list != null) {
                list.remove(subscriber);
            }
        }
    }

    /** Forgets a closed subscriber. */
    void closed(CeilingSubscriber subscriber) {
        for (String topic : subscriber.topics()) {
            ArrayList<CeilingSubscriber> list = subscribers.get(topic);
            if (list != null) {
                list.remove(subscriber);
            }
        }
        subscriber.topics().clear();
        connections.decrementAndGet();
    }

    /** Open connections on this loop; any thread. */
    int connections() {
        return connections.get();
    }

    private void drain() {
        int taken = 0;
        Item item;
        String runTopic = null;
        ByteBuf run = null;
        while (taken < MAX_ITEMS_PER_DRAIN && (item = queue.poll()) != null) {
            taken++;
            if (run != null && (!item.topic.equals(runTopic) || run.readableBytes() >= MAX_RUN_BYTES)) {
                writeRun(runTopic, run);
                run = null;
            }
            if (run == null) {
                runTopic = item.topic;
                run = PooledByteBufAllocator.DEFAULT.directBuffer(MAX_RUN_BYTES + item.wire.readableBytes());
            }
            run.writeBytes(item.wire);
            item.wire.release();
        }
        if (run != null) {
            writeRun(runTopic, run);
        }
        for (int i = 0; i < dirty.size(); i++) {
            CeilingSubscriber subscriber = dirty.get(i);
            subscriber.dirty(false);
            subscriber.channel().flush();
        }
        dirty.clear();
        scheduled.set(false);
        if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            loop.execute(drainTask);
        }
    }

    /** Writes one topic's run to each of its subscribers: the frames copied into one buffer once, shared by all. */
    private void writeRun(String topic, ByteBuf run) {
        ArrayList<CeilingSubscriber> list = subscribers.get(topic);
        try {
            if (list == null) {
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                write(list.get(i), run);
            }
        } finally {
            run.release();
        }
    }

    private void write(CeilingSubscriber subscriber, ByteBuf wire) {
        Channel channel = subscriber.channel();
        if (!channel.isActive()) {
            return;
        }
        ChannelOutboundBuffer outbound = channel.unsafe().outboundBuffer();
        if (outbound != null && outbound.totalPendingWriteBytes() > hardLimitBytes) {
            // the hub's hard limit (1 MiB): a client this far behind is closed, not buffered without end
            slowConsumers.increment();
            channel.close();
            return;
        }
        channel.write(wire.retainedDuplicate(), channel.voidPromise());
        if (!channel.isWritable()) {
            channel.flush();
        } else if (!subscriber.dirty()) {
            subscriber.dirty(true);
            dirty.add(subscriber);
        }
    }

    private record Item(String topic, ByteBuf wire) {
    }
}
