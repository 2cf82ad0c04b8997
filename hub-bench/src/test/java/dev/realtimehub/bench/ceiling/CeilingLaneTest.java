package dev.realtimehub.bench.ceiling;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * The ceiling's lane joins a burst of one topic's frames into runs: each subscriber gets every frame of its topics
 * once, in order, in fewer writes than frames, and every event buffer is released.
 */
class CeilingLaneTest {

    @Test
    void aBurstLeavesAsRunsInOrderAndOnlyToTheTopicsSubscribers() {
        EmbeddedChannel first = new EmbeddedChannel();
        EmbeddedChannel second = new EmbeddedChannel();
        CeilingLane lane = new CeilingLane(first.eventLoop(), 1 << 30, new LongAdder());
        CeilingSubscriber onA = new CeilingSubscriber(first);
        CeilingSubscriber onB = new CeilingSubscriber(second);
        lane.subscribe("a", onA);
        lane.subscribe("b", onB);

        List<ByteBuf> wires = new ArrayList<>();
        StringBuilder expectedA = new StringBuilder();
        StringBuilder expectedB = new StringBuilder();
        // 600 frames of 250 bytes: more than one run of 64 KiB for "a", and "b" interleaved to split runs by topic
        for (int i = 0; i < 600; i++) {
            String topic = i % 50 == 49 ? "b" : "a";
            String frame = String.format("%-250s", topic + i);
            (topic.equals("a") ? expectedA : expectedB).append(frame);
            ByteBuf wire = Unpooled.copiedBuffer(frame, StandardCharsets.US_ASCII);
            wires.add(wire);
            lane.enqueue(topic, wire);
        }
        first.runPendingTasks();

        Received a = received(first);
        Received b = received(second);
        assertThat(a.text).isEqualTo(expectedA.toString());
        assertThat(b.text).isEqualTo(expectedB.toString());
        assertThat(a.writes).isLessThan(600 - 12).isGreaterThanOrEqualTo(12);
        assertThat(wires).allSatisfy(wire -> assertThat(wire.refCnt()).isZero());
    }

    @Test
    void framesOfATopicWithoutSubscribersAreReleased() {
        EmbeddedChannel channel = new EmbeddedChannel();
        CeilingLane lane = new CeilingLane(channel.eventLoop(), 1 << 30, new LongAdder());
        ByteBuf wire = Unpooled.copiedBuffer("nobody", StandardCharsets.US_ASCII);
        lane.enqueue("nobody", wire);
        channel.runPendingTasks();
        assertThat(wire.refCnt()).isZero();
        assertThat((Object) channel.readOutbound()).isNull();
    }

    private static Received received(EmbeddedChannel channel) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int writes = 0;
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            byte[] chunk = new byte[out.readableBytes()];
            out.readBytes(chunk);
            out.release();
            bytes.writeBytes(chunk);
            writes++;
        }
        return new Received(bytes.toString(StandardCharsets.US_ASCII), writes);
    }

    private record Received(String text, int writes) {
    }
}
