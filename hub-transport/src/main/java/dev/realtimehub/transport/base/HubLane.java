package dev.realtimehub.transport.base;

import dev.realtimehub.core.api.Frame;
import dev.realtimehub.core.spi.Lane;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;

/**
 * One Netty event loop as a core {@link Lane}, plus the cache that turns a shared {@link Frame} into one pooled direct
 * buffer holding the complete WebSocket frame (header and payload). Server frames are unmasked, so those bytes are the
 * same for every connection: a write is a retained duplicate of one buffer, or a copy of its bytes into a connection's
 * burst (see {@code HubSession}) — never a re-encode.
 *
 * <p>{@link #execute} and {@link #inLane} from any thread; {@link #wireBytes}, {@link #wireRun} and {@link #encoded} on
 * the lane only.
 */
public final class HubLane implements Lane {

    private final EventLoop loop;
    // lane only: the last frame encoded and its buffer, reused while fan-out writes it to many sessions
    private Frame cachedFrame;
    private ByteBuf cachedBuffer;
    // lane only: the last run encoded (its first and last frame, its length) and the buffer holding all its frames
    private Frame runFirst;
    private Frame runLast;
    private int runCount;
    private ByteBuf runBuffer;

    public HubLane(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(task);
    }

    @Override
    public boolean inLane() {
        return loop.inEventLoop();
    }

    /** The event loop behind this lane. */
    public EventLoop eventLoop() {
        return loop;
    }

    /** A retained duplicate of the wire form of {@code frame}; the caller owns (and must write or release) it. */
    public ByteBuf wireBytes(Frame frame, ByteBufAllocator allocator) {
        return encoded(frame, allocator).retainedDuplicate();
    }

    /**
     * A retained duplicate of one buffer holding the wire form of the first {@code count} of {@code frames}, back to
     * back; encoded once per run (see {@code Session.writeRun}) and shared by every session it is written to.
     */
    public ByteBuf wireRun(Frame[] frames, int count, ByteBufAllocator allocator) {
        Frame first = frames[0];
        Frame last = frames[count - 1];
        if (first != runFirst || last != runLast || count != runCount) {
            if (runBuffer != null) {
                runBuffer.release();
            }
            int bytes = 0;
            for (int i = 0; i < count; i++) {
                bytes += WebSocketWire.frameLength(frames[i].json().length);
            }
            runBuffer = allocator.directBuffer(bytes);
            for (int i = 0; i < count; i++) {
                WebSocketWire.writeTextFrame(frames[i].json(), runBuffer);
            }
            runFirst = first;
            runLast = last;
            runCount = count;
        }
        return runBuffer.retainedDuplicate();
    }

    /**
     * The wire form of {@code frame} itself, not retained: valid until the lane encodes another frame, so only to be
     * copied from at once.
     */
    public ByteBuf encoded(Frame frame, ByteBufAllocator allocator) {
        if (frame != cachedFrame) {
            if (cachedBuffer != null) {
                cachedBuffer.release();
            }
            cachedBuffer = WebSocketWire.textFrame(frame.json(), allocator);
            cachedFrame = frame;
        }
        return cachedBuffer;
    }

    /** Releases the frames this lane keeps encoded; when the lane stops (event loop only). */
    void release() {
        if (cachedBuffer != null) {
            cachedBuffer.release();
            cachedBuffer = null;
            cachedFrame = null;
        }
        if (runBuffer != null) {
            runBuffer.release();
            runBuffer = null;
            runFirst = null;
            runLast = null;
            runCount = 0;
        }
    }
}
