package dev.realtimehub.bench.jmh;

import dev.realtimehub.core.api.CloseCode;
import dev.realtimehub.core.api.Frame;
import dev.realtimehub.core.spi.Lane;
import dev.realtimehub.core.spi.Session;

/** A {@link Session} that counts what it is given instead of writing to a socket. Confined to one thread. */
public final class CountingSession implements Session {

    private final Lane lane;
    private long bytes;
    private long flushes;

    public CountingSession(Lane lane) {
        this.lane = lane;
    }

    @Override
    public Lane lane() {
        return lane;
    }

    @Override
    public void write(Frame frame) {
        bytes += frame.size();
    }

    @Override
    public void flush() {
        flushes++;
    }

    @Override
    public void close(CloseCode code, String reason) {
        // benchmark sessions live as long as the benchmark
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1";
    }

    /** Bytes written so far. */
    public long bytes() {
        return bytes;
    }

    /** Flushes so far. */
    public long flushes() {
        return flushes;
    }
}
