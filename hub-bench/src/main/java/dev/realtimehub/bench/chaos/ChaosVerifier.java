package dev.realtimehub.bench.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The chaos run's check, per client: every publish acknowledged with a seq inside the client's window (after its first
 * subscription, up to the last acknowledged seq) was accepted by the client exactly once with that seq, or lies in a
 * stretch the client was told about; no refused publish reached it; nothing came twice or out of order.
 */
public final class ChaosVerifier {

    /**
     * What the check counted over all clients; {@code problems} names the first few broken promises: silent
     * losses, refused publishes delivered, out-of-order arrivals.
     */
    public record Tally(long delivered, long missing, long told, long duplicated, long outOfOrder, long redelivered,
                 long seqMismatch, long refusedButDelivered, long epochChanges, List<String> problems) {

        /** Whether the run broke a promise: a silent loss, a duplicate, a reordering, a refused publish delivered. */
        public boolean broken() {
            return missing > 0 || duplicated > 0 || outOfOrder > 0 || seqMismatch > 0 || refusedButDelivered > 0
                    || epochChanges > 0;
        }
    }

    private static final int EXAMPLES = 10;

    private ChaosVerifier() {
    }

    static Tally check(PublishLedger ledger, List<ClientLog> clients) {
        long delivered = 0, missing = 0, told = 0, duplicated = 0, outOfOrder = 0, redelivered = 0, seqMismatch = 0;
        long refusedButDelivered = 0, epochChanges = 0;
        List<String> examples = new ArrayList<>();
        long lastAcked = ledger.maxAckedSeq();
        for (ClientLog client : clients) {
            duplicated += client.duplicated();
            outOfOrder += client.outOfOrder();
            for (String example : client.outOfOrderExamples()) {
                if (examples.size() < EXAMPLES) {
                    examples.add(example);
                }
            }
            redelivered += client.redelivered();
            epochChanges += client.epochChanges();
            for (Map.Entry<String, Long> event : client.received().entrySet()) {
                PublishLedger.Outcome outcome = ledger.outcome(event.getKey());
                if (outcome != null && outcome.fate() == PublishLedger.Fate.REFUSED) {
                    refusedButDelivered++;
                    if (examples.size() < EXAMPLES) {
                        examples.add(client.name() + " got publish " + event.getKey() + " (refused with "
                                + (outcome.status() == 0 ? "connection refused" : "status " + outcome.status()) + ") as seq "
                                + event.getValue());
                    }
                }
            }
            if (!client.hasSubscribed()) {
                continue; // never subscribed: it counts as still disconnected, not here
            }
            for (Map.Entry<Long, String> acked : ledger.acknowledgedBySeq().entrySet()) {
                long seq = acked.getKey();
                if (seq <= client.startSeq() || seq > lastAcked) {
                    continue;
                }
                Long got = client.received().get(acked.getValue());
                if (got != null) {
                    delivered++;
                    if (got != seq) {
                        seqMismatch++;
                    }
                } else if (client.wasTold(seq)) {
                    told++;
                } else {
                    missing++;
                    if (examples.size() < EXAMPLES) {
                        examples.add(client.name() + " missed seq " + seq + " (" + acked.getValue() + "), window from "
                                + client.startSeq() + ", last seen " + client.lastSeq());
                    }
                }
            }
        }
        return new Tally(delivered, missing, told, duplicated, outOfOrder, redelivered, seqMismatch, refusedButDelivered,
                epochChanges, examples);
    }
}
