package dev.realtimehub.transport.ws;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts WebSocket connections in total and per client address, and refuses one past either limit.
 *
 * <p>Thread-safe: acquire and release from any event loop.
 */
public final class ConnectionLimiter {

    /** Why a connection was refused, or {@code null} when admitted. */
    public enum Refusal {
        TOTAL, PER_IP
    }

    private final int maxTotal;
    private final int maxPerIp;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> perIp = new ConcurrentHashMap<>();

    /**
     * @param maxPerIp 0 for no per-address limit
     */
    public ConnectionLimiter(int maxTotal, int maxPerIp) {
        this.maxTotal = maxTotal;
        this.maxPerIp = maxPerIp;
    }

    /** Admits one connection from {@code ip}, or says why not; an admitted one must be {@link #release}d once. */
    public Refusal tryAcquire(String ip) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return Refusal.TOTAL;
        }
        if (maxPerIp > 0) {
            AtomicInteger count = perIp.computeIfAbsent(ip, k -> new AtomicInteger());
            if (count.incrementAndGet() > maxPerIp) {
                release(ip);
                return Refusal.PER_IP;
            }
        }
        return null;
    }

    /** Gives back the place of an admitted connection from {@code ip}. */
    public void release(String ip) {
        total.decrementAndGet();
        if (maxPerIp > 0) {
            perIp.computeIfPresent(ip, (k, count) -> count.decrementAndGet() <= 0 ? null : count);
        }
    }

    /** Connections admitted now. */
    public int total() {
        return total.get();
    }
}
