package dev.realtimehub.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameCutterTest {

    private static final ByteBufAllocator ALLOCATOR = new UnpooledByteBufAllocator(false, true);

    @Test
    void cutsFramesOfEveryLengthEncodingFromOneRead() {
        byte[] wire = concat(frame(1, "a"), frame(9, ""), frame(1, "x".repeat(126)), frame(1, "y".repeat(70_000)),
                frame(8, "\u0003\u00e8"));

        List<String> frames = feed(List.of(wire));

        assertThat(frames).containsExactly("1:a", "9:", "1:" + "x".repeat(126), "1:" + "y".repeat(70_000),
                "8:\u0003\u00e8");
    }

    @Test
    void joinsFramesSplitAcrossReadsAtEveryByte() {
        byte[] wire = concat(frame(1, "{\"type\":\"event\"}"), frame(1, "z".repeat(300)), frame(10, "p"));
        List<String> expected = List.of("1:{\"type\":\"event\"}", "1:" + "z".repeat(300), "10:p");
        for (int cut = 1; cut < wire.length; cut++) {
            for (int second = cut + 1; second <= wire.length; second += 37) {
                List<byte[]> reads = List.of(slice(wire, 0, cut), slice(wire, cut, second),
                        slice(wire, second, wire.length));
                assertThat(feed(reads)).as("cut at %d and %d", cut, second).isEqualTo(expected);
            }
        }
    }

    @Test
    void refusesMaskedAndOversizedFrames() {
        FrameCutter cutter = new FrameCutter();
        ByteBuf masked = Unpooled.wrappedBuffer(new byte[] {(byte) 0x81, (byte) 0x81, 1, 2, 3, 4, 'a'});
        assertThatThrownBy(() -> cutter.feed(masked, ALLOCATOR, (op, fin, buf, s, e) -> { }))
                .isInstanceOf(WebSocketProtocolException.class).hasMessageContaining("masked");
        assertThat(masked.refCnt()).isZero();

        ByteBuf huge = Unpooled.buffer().writeByte(0x81).writeByte(127).writeLong(FrameCutter.MAX_FRAME_BYTES + 1L);
        assertThatThrownBy(() -> new FrameCutter().feed(huge, ALLOCATOR, (op, fin, buf, s, e) -> { }))
                .isInstanceOf(WebSocketProtocolException.class).hasMessageContaining("16777217 bytes");
    }

    @Test
    void releasesWhatItKeepsAndEveryReadBuffer() {
        byte[] wire = frame(1, "kept for later");
        FrameCutter cutter = new FrameCutter();
        ByteBuf first = Unpooled.wrappedBuffer(slice(wire, 0, 5));
        List<String> frames = new ArrayList<>();
        cutter.feed(first, ALLOCATOR, sink(frames));
        assertThat(first.refCnt()).isZero();
        assertThat(frames).isEmpty();

        ByteBuf second = Unpooled.wrappedBuffer(slice(wire, 5, wire.length));
        cutter.feed(second, ALLOCATOR, sink(frames));
        assertThat(second.refCnt()).isZero();
        assertThat(frames).containsExactly("1:kept for later");
        cutter.release();
    }

    private static List<String> feed(List<byte[]> reads) {
        FrameCutter cutter = new FrameCutter();
        List<String> frames = new ArrayList<>();
        for (byte[] read : reads) {
            cutter.feed(Unpooled.directBuffer(Math.max(1, read.length)).writeBytes(read), ALLOCATOR, sink(frames));
        }
        cutter.release();
        return frames;
    }

    private static FrameCutter.FrameSink sink(List<String> frames) {
        return (opcode, fin, buf, start, end) -> {
            assertThat(fin).isTrue();
            frames.add(opcode + ":" + buf.toString(start, end - start, StandardCharsets.ISO_8859_1));
        };
    }

    /** An unmasked server frame, FIN set. */
    static byte[] frame(int opcode, String payload) {
        byte[] data = payload.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80 | opcode);
        if (data.length < 126) {
            out.write(data.length);
        } else if (data.length <= 0xFFFF) {
            out.write(126);
            out.write(data.length >> 8);
            out.write(data.length);
        } else {
            out.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) data.length >> shift));
            }
        }
        out.writeBytes(data);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }
}
