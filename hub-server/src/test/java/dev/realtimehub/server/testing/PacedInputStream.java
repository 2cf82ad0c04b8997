package dev.realtimehub.server.testing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An input stream that can be told to read slowly for a while — at most so many bytes per second for its next so many
 * bytes — and reads at full speed otherwise: a client that is slow but alive. The pace is the behaviour under test,
 * not a wait for a condition. Read by one thread.
 */
public final class PacedInputStream extends FilterInputStream {

    private static final int CHUNK = 8192;

    private long bytesPerSecond;
    private long pacedBytes;
    private long pacedRead;
    private long pacedSinceNanos;
    private long totalRead;

    public PacedInputStream(InputStream in) {
        super(in);
    }

    /** Reads the next {@code forBytes} bytes at no more than {@code bytesPerSecond}, then at full speed again. */
    public void pace(long bytesPerSecond, long forBytes) {
        this.bytesPerSecond = bytesPerSecond;
        this.pacedBytes = forBytes;
        this.pacedRead = 0;
        this.pacedSinceNanos = System.nanoTime();
    }

    /** Bytes read so far. */
    public long totalRead() {
        return totalRead;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int allowed = length;
        if (pacedRead < pacedBytes) {
            allowed = (int) Math.min(length, Math.min(CHUNK, pacedBytes - pacedRead));
            long dueNanos = pacedSinceNanos + TimeUnit.SECONDS.toNanos(pacedRead + allowed) / bytesPerSecond;
            for (long wait = dueNanos - System.nanoTime(); wait > 0; wait = dueNanos - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
        }
        int read = super.read(buffer, offset, allowed);
        if (read > 0) {
            totalRead += read;
            if (pacedRead < pacedBytes) {
                pacedRead += read;
            }
        }
        return read;
    }
}
