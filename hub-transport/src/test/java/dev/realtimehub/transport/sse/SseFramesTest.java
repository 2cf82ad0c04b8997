package dev.realtimehub.transport.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.core.api.Frame;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseFramesTest {

    private static final UnpooledByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false);

    private static String text(ByteBuf buf) {
        try {
            return buf.toString(StandardCharsets.UTF_8);
        } finally {
            buf.release();
        }
    }

    private static Frame frame(String json) {
        return Frame.control(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFrameIsOneDataLineAndABlankLine() {
        assertThat(new String(SseFrames.encode("{\"type\":\"pong\"}".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8)).isEqualTo("data: {\"type\":\"pong\"}\n\n");
    }

    @Test
    void rawLineBreaksBecomeDataLinesOfTheirOwn() {
        String json = "{\"a\":\n1,\r\n\"b\":\r2}";
        assertThat(new String(SseFrames.encode(json.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
                .isEqualTo("data: {\"a\":\ndata: 1,\ndata: \"b\":\ndata: 2}\n\n");
    }

    @Test
    void anEventIsOneWholeChunkOrForHttp10TheEventAlone() {
        SseFrames frames = new SseFrames();
        Frame pong = frame("{\"type\":\"pong\"}");
        // "data: {"type":"pong"}\n\n" is 23 bytes: 0x17
        assertThat(text(frames.event(pong, true, ALLOC))).isEqualTo("17\r\ndata: {\"type\":\"pong\"}\n\n\r\n");
        assertThat(text(frames.event(pong, false, ALLOC))).isEqualTo("data: {\"type\":\"pong\"}\n\n");
        assertThat(text(SseFrames.single(pong, true, ALLOC))).isEqualTo("17\r\ndata: {\"type\":\"pong\"}\n\n\r\n");
        assertThat(text(SseFrames.single(pong, false, ALLOC))).isEqualTo("data: {\"type\":\"pong\"}\n\n");
        frames.release();
    }

    @Test
    void theLaneEncodesAFrameOnceAndSharesIt() {
        SseFrames frames = new SseFrames();
        Frame frame = frame("{\"type\":\"x\"}");
        java.util.concurrent.atomic.AtomicInteger allocations = new java.util.concurrent.atomic.AtomicInteger();
        AbstractByteBufAllocator counting = new AbstractByteBufAllocator(true) {
            @Override
            protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
                allocations.incrementAndGet();
                return ALLOC.heapBuffer(initialCapacity, maxCapacity);
            }

            @Override
            protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
                allocations.incrementAndGet();
                return ALLOC.directBuffer(initialCapacity, maxCapacity);
            }

            @Override
            public boolean isDirectBufferPooled() {
                return false;
            }
        };
        ByteBuf first = frames.event(frame, true, counting);
        ByteBuf second = frames.event(frame, true, counting);
        assertThat(allocations).as("one encoding for both").hasValue(1);
        ByteBuf kept = first.unwrap();
        assertThat(text(first)).isEqualTo(text(second)).isEqualTo("14\r\ndata: {\"type\":\"x\"}\n\n\r\n");
        frames.release();
        assertThat(kept.refCnt()).isZero();
    }

    @Test
    void theHeartbeatIsACommentLineAndTheEndTheLastChunk() {
        assertThat(SseFrames.ping(true).toString(StandardCharsets.US_ASCII)).isEqualTo("8\r\n: ping\n\n\r\n");
        assertThat(SseFrames.ping(false).toString(StandardCharsets.US_ASCII)).isEqualTo(": ping\n\n");
        assertThat(SseFrames.lastChunk().toString(StandardCharsets.US_ASCII)).isEqualTo("0\r\n\r\n");
    }
}
