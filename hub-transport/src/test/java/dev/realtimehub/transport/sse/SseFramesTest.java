package dev.realtimehub.transport.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.core.api.Frame;
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

    @Test
    void aFrameIsOneDataLineAndABlankLine() {
        assertThat(text(SseFrames.encode("{\"type\":\"pong\"}".getBytes(StandardCharsets.UTF_8), ALLOC)))
                .isEqualTo("data: {\"type\":\"pong\"}\n\n");
    }

    @Test
    void rawLineBreaksBecomeDataLinesOfTheirOwn() {
        String json = "{\"a\":\n1,\r\n\"b\":\r2}";
        assertThat(text(SseFrames.encode(json.getBytes(StandardCharsets.UTF_8), ALLOC)))
                .isEqualTo("data: {\"a\":\ndata: 1,\ndata: \"b\":\ndata: 2}\n\n");
    }

    @Test
    void theLaneEncodesAFrameOnceAndSharesIt() {
        SseFrames frames = new SseFrames();
        Frame frame = Frame.control("{\"type\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        ByteBuf first = frames.event(frame, ALLOC);
        ByteBuf second = frames.event(frame, ALLOC);
        assertThat(first.unwrap()).isSameAs(second.unwrap());
        assertThat(text(first)).isEqualTo(text(second)).isEqualTo("data: {\"type\":\"x\"}\n\n");
        ByteBuf kept = first.unwrap();
        frames.release();
        assertThat(kept.refCnt()).isZero();
    }

    @Test
    void theHeartbeatIsACommentLine() {
        assertThat(SseFrames.ping().toString(StandardCharsets.US_ASCII)).isEqualTo(": ping\n\n");
    }
}
