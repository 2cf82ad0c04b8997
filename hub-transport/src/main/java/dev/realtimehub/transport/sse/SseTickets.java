package dev.realtimehub.transport.sse;

import dev.realtimehub.core.auth.Identity;
import dev.realtimehub.core.spi.Clock;
import dev.realtimehub.core.util.Ids;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One-time tickets for opening an SSE stream as someone: {@code EventSource} cannot send an {@code Authorization}
 * header, and a token in the URL would end up in logs and history, so a client trades its token for a ticket
 * ({@code POST /api/sse/ticket}) and opens the stream with {@code ?ticket=}. A ticket carries the token's identity
 * (user, roles, expiry), is valid for {@link #TTL_MS} and can be redeemed once.
 *
 * <p>Thread-safe: issued and redeemed on any event loop.
 */
final class SseTickets {

    /** How long a ticket stays valid. */
    static final long TTL_MS = 30_000;
    /** How often at most expired tickets that were never redeemed are swept out. */
    private static final long SWEEP_EVERY_MS = 1_000;

    private record Ticket(Identity identity, long expiresAtMillis) {
    }

    private final Clock clock;
    private final ConcurrentHashMap<String, Ticket> tickets = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep = new AtomicLong();

    SseTickets(Clock clock) {
        this.clock = clock;
    }

    /** A new ticket (128 random bits) for {@code identity}. */
    String issue(Identity identity) {
        long now = clock.millis();
        long sweep = nextSweep.get();
        if (now >= sweep && nextSweep.compareAndSet(sweep, now + SWEEP_EVERY_MS)) {
            tickets.values().removeIf(ticket -> ticket.expiresAtMillis() <= now);
        }
        String id = Ids.random(128);
        tickets.put(id, new Ticket(identity, now + TTL_MS));
        return id;
    }

    /** The identity of {@code ticket}, which is used up by this call; null when unknown, used or expired. */
    Identity redeem(String ticket) {
        Ticket found = ticket == null ? null : tickets.remove(ticket);
        if (found == null || found.expiresAtMillis() <= clock.millis()) {
            return null;
        }
        return found.identity();
    }

    /** Tickets issued and neither redeemed nor swept yet. */
    int outstanding() {
        return tickets.size();
    }
}
