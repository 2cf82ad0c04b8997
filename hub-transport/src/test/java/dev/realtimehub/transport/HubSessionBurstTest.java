package dev.realtimehub.transport;

import dev.realtimehub.transport.base.HubLane;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.core.api.CloseCode;
import dev.realtimehub.core.api.Frame;
import dev.realtimehub.transport.ws.HubSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A session writes the first frame of a burst as a duplicate of the lane's shared buffer and copies the rest into one
 * buffer: the bytes on the wire must be exactly the frames, in order, whatever path each took.
 */
class HubSessionBurstTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final HubLane lane = new HubLane(channel.eventLoop());
    private final HubSession session = new HubSession(channel, lane);

    @Test
    void aBurstLeavesAsTheFirstFrameAndOneBufferWithTheRestInOrder() {
        session.write(frame(1, "one"));
        session.write(frame(2, "two"));
        session.write(frame(3, "three"));
        assertThat(session.queuedBytes()).as("copied frames count as queued before the flush")
                .isGreaterThanOrEqualTo(2 + 3 + 2 + 5);
        session.flush();
        session.write(frame(4, "four"));
        session.flush();

        List<Object> messages = outbound();
        assertThat(messages).hasSize(3);
        assertThat(textFrames(messages)).containsExactly("one", "two", "three", "four");
    }

    @Test
    void aRunIsEncodedOnceAndEverySessionWritesTheSameBytesAfterWhatItAlreadyHeld() {
        EmbeddedChannel otherChannel = new EmbeddedChannel();
        HubSession other = new HubSession(otherChannel, lane);
        Frame[] run = {frame(2, "two"), frame(3, "three"), frame(4, "four")};

        session.write(frame(1, "one"));
        session.writeRun(run, 3);
        session.flush();
        other.writeRun(run, 3);
        other.flush();

        List<Object> mine = outbound();
        Object theirs = otherChannel.readOutbound();
        assertThat(otherChannel.<Object>readOutbound()).as("one message for the whole run").isNull();
        assertThat(((ByteBuf) mine.get(1)).unwrap()).as("one buffer shared by both sessions")
                .isSameAs(((ByteBuf) theirs).unwrap());
        assertThat(textFrames(mine)).containsExactly("one", "two", "three", "four");
        assertThat(textFrames(List.of(theirs))).containsExactly("two", "three", "four");
    }

    @Test
    void aBurstPastItsLimitGoesToTheChannelBeforeTheFlush() {
        String big = "x".repeat(1000);
        for (int i = 1; i <= 100; i++) {
            session.write(frame(i, big + i));
        }
        assertThat(channel.outboundMessages().size()).as("written early, before the flush").isGreaterThan(1);
        session.flush();

        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            expected.add(big + i);
        }
        assertThat(textFrames(outbound())).isEqualTo(expected);
    }

    @Test
    void whatABurstHoldsGoesOutBeforeTheCloseFrame() {
        session.write(frame(1, "one"));
        session.write(frame(2, "two"));
        session.close(CloseCode.GOING_AWAY, "bye");

        List<Object> messages = outbound();
        assertThat(messages.get(messages.size() - 1)).isInstanceOf(CloseWebSocketFrame.class);
        assertThat(textFrames(messages.subList(0, messages.size() - 1))).containsExactly("one", "two");
        ((CloseWebSocketFrame) messages.get(messages.size() - 1)).release();
    }

    @Test
    void aClosedChannelDropsTheCopiedFrames() {
        session.write(frame(1, "one"));
        session.write(frame(2, "two"));
        channel.close();
        assertThat(session.queuedBytes()).isZero();
    }

    private static Frame frame(long seq, String json) {
        return new Frame(json.getBytes(StandardCharsets.UTF_8), seq, seq, null);
    }

    private List<Object> outbound() {
        List<Object> messages = new ArrayList<>();
        Object message;
        while ((message = channel.readOutbound()) != null) {
            messages.add(message);
        }
        return messages;
    }

    /** Parses the WebSocket frames in the byte buffers (releasing them): unmasked final text frames only. */
    private static List<String> textFrames(List<Object> messages) {
        ByteBuf all = Unpooled.buffer();
        for (Object message : messages) {
            ByteBuf buf = (ByteBuf) message;
            all.writeBytes(buf);
            buf.release();
        }
        List<String> texts = new ArrayList<>();
        while (all.isReadable()) {
            assertThat(all.readUnsignedByte()).as("FIN + text").isEqualTo((short) 0x81);
            int length = all.readUnsignedByte();
            if (length == 126) {
                length = all.readUnsignedShort();
            }
            texts.add(all.readCharSequence(length, StandardCharsets.UTF_8).toString());
        }
        return texts;
    }
}
