package dev.realtimehub.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.core.api.CloseCode;
import dev.realtimehub.core.api.Frame;
import dev.realtimehub.transport.base.HubLane;
import dev.realtimehub.transport.ws.HubSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A session closed as a slow consumer drops what it still has queued, so its close frame is the next thing on the wire
 * after what the socket already took — and after the rest of a frame the socket took only part of, so the client never
 * reads half a frame. Any other close still sends everything queued first.
 */
class HubSessionSlowConsumerTest {

    private final SocketLikeChannel channel = new SocketLikeChannel();
    private final HubSession session = new HubSession(channel, new HubLane(channel.eventLoop()));

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
        channel.wire.release();
    }

    @Test
    void theCloseFrameFollowsTheRestOfAHalfWrittenFrameAndNothingElseQueued() {
        channel.room = 5; // the socket takes five bytes of the first frame, then its buffer is full
        session.write(frame(1, "first, half written"));
        session.flush();
        session.write(frame(2, "second"));
        session.flush();
        session.write(frame(3, "third, not even flushed"));

        session.close(CloseCode.SLOW_CONSUMER, "behind");
        channel.room = Integer.MAX_VALUE; // the client reads again
        channel.flush();

        assertThat(channel.frames()).containsExactly("first, half written", "close 4008");
        assertThat(session.queuedBytes()).isZero();
    }

    @Test
    void withNothingHalfWrittenTheCloseFrameIsAllThatIsLeft() {
        channel.room = 0;
        for (int i = 1; i <= 50; i++) {
            session.write(frame(i, "event " + i));
        }
        session.flush();
        session.writeRun(new Frame[] {frame(51, "run a"), frame(52, "run b")}, 2);

        session.close(CloseCode.SLOW_CONSUMER, "behind");
        channel.room = Integer.MAX_VALUE;
        channel.flush();

        assertThat(channel.frames()).containsExactly("close 4008");
    }

    @Test
    void anyOtherCloseSendsWhatIsQueuedFirst() {
        channel.room = 5;
        session.write(frame(1, "first"));
        session.flush();
        session.write(frame(2, "second"));

        session.close(CloseCode.GOING_AWAY, "bye");
        channel.room = Integer.MAX_VALUE;
        channel.flush();

        assertThat(channel.frames()).containsExactly("first", "second", "close 1001");
    }

    private static Frame frame(long seq, String json) {
        return new Frame(json.getBytes(StandardCharsets.UTF_8), seq, seq, null);
    }

    /**
     * Writes like a socket with a send buffer: at most {@link #room} bytes, then nothing until there is room again,
     * leaving a half-written buffer in the outbound buffer the way the real transports do. Its {@link #wire} holds
     * what was sent; a close frame object (there is no encoder in this pipeline) is put there as a close frame.
     */
    private static final class SocketLikeChannel extends EmbeddedChannel {
        final ByteBuf wire = Unpooled.buffer();
        int room = Integer.MAX_VALUE;

        @Override
        protected void doWrite(ChannelOutboundBuffer in) {
            for (Object message = in.current(); message != null; message = in.current()) {
                if (message instanceof CloseWebSocketFrame close) {
                    wire.writeByte(0x88).writeByte(2).writeShort(close.statusCode());
                    in.remove();
                    continue;
                }
                ByteBuf buf = (ByteBuf) message;
                int taken = Math.min(buf.readableBytes(), room);
                if (taken == 0 && buf.isReadable()) {
                    return;
                }
                wire.writeBytes(buf, buf.readerIndex(), taken);
                room -= taken;
                in.removeBytes(taken);
            }
        }

        /** The frames sent: the text of each text frame, {@code "close N"} for a close frame. */
        List<String> frames() {
            List<String> frames = new ArrayList<>();
            while (wire.isReadable()) {
                int opcode = wire.readUnsignedByte() & 0x0F;
                int length = wire.readUnsignedByte();
                if (length == 126) {
                    length = wire.readUnsignedShort();
                }
                frames.add(opcode == 8 ? "close " + wire.readUnsignedShort()
                        : wire.readCharSequence(length, StandardCharsets.UTF_8).toString());
            }
            return frames;
        }
    }
}
