package dev.realtimehub.transport.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.core.auth.Identity;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SseTicketsTest {

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final SseTickets tickets = new SseTickets(now::get);
    private final Identity alice = new Identity("alice", Set.of("ops"), 0);

    @Test
    void aTicketIsRedeemedOnceForItsIdentity() {
        String ticket = tickets.issue(alice);
        assertThat(tickets.redeem(ticket)).isEqualTo(alice);
        assertThat(tickets.redeem(ticket)).isNull();
        assertThat(tickets.redeem("forged")).isNull();
        assertThat(tickets.redeem(null)).isNull();
    }

    @Test
    void aTicketExpiresAfterThirtySeconds() {
        String fresh = tickets.issue(alice);
        String stale = tickets.issue(alice);
        now.addAndGet(SseTickets.TTL_MS - 1);
        assertThat(tickets.redeem(fresh)).isEqualTo(alice);
        now.addAndGet(1);
        assertThat(tickets.redeem(stale)).isNull();
    }

    @Test
    void expiredTicketsNobodyRedeemedAreSweptOut() {
        for (int i = 0; i < 100; i++) {
            tickets.issue(alice);
        }
        assertThat(tickets.outstanding()).isEqualTo(100);
        now.addAndGet(SseTickets.TTL_MS + 1_000);
        tickets.issue(alice);
        assertThat(tickets.outstanding()).isEqualTo(1);
    }

    @Test
    void ticketsAreUnguessable() {
        assertThat(tickets.issue(alice)).matches("[A-Za-z0-9_-]{22}").isNotEqualTo(tickets.issue(alice));
    }
}
