package dev.realtimehub.bench.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The outcome of one chaos run, printed as one JSON line: the counts the issue names (acknowledged, delivered,
 * missing, told, duplicated, out of order, reconnects, faults, refused, refused but delivered, still disconnected) and
 * what else the check counted; {@link #ok()} is false on any silent loss, duplicate, reordering, refused publish
 * delivered, reused seq, epoch change or client left disconnected.
 */
public record ChaosReport(ChaosSettings settings, long acknowledged, long refused, long unknown, long seqReused,
                   ChaosVerifier.Tally tally, long reconnects, int stillDisconnected, int webSocketClients,
                   int sseClients, List<Fault> faults, double wallS) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean ok() {
        return !tally.broken() && seqReused == 0 && stillDisconnected == 0;
    }

    /** Whether every kind of fault of the schedule happened. */
    public boolean everyFaultHappened() {
        List<String> kinds = faults.stream().map(Fault::kind).toList();
        return kinds.containsAll(List.of("proxy_cut", "node_kill", "redis_restart", "burst", "churn"));
    }

    public String toJson() {
        ObjectNode line = JSON.createObjectNode();
        line.put("scenario", "chaos");
        line.put("ok", ok());
        line.put("acknowledged", acknowledged);
        line.put("delivered", tally.delivered());
        line.put("missing", tally.missing());
        line.put("told", tally.told());
        line.put("duplicated", tally.duplicated());
        line.put("out_of_order", tally.outOfOrder());
        line.put("reconnects", reconnects);
        ArrayNode list = line.putArray("faults");
        for (Fault fault : faults) {
            ObjectNode entry = list.addObject();
            entry.put("kind", fault.kind());
            entry.put("at_s", fault.atS());
            fault.details().forEach((key, value) -> entry.set(key, JSON.valueToTree(value)));
        }
        line.put("refused", refused);
        line.put("refused_but_delivered", tally.refusedButDelivered());
        line.put("still_disconnected", stillDisconnected);
        line.put("unknown_outcome", unknown);
        line.put("redelivered_dropped", tally.redelivered());
        line.put("seq_mismatch", tally.seqMismatch());
        line.put("seq_reused", seqReused);
        line.put("epoch_changes", tally.epochChanges());
        line.put("nodes", settings.nodes());
        line.put("websocket_clients", webSocketClients);
        line.put("sse_clients", sseClients);
        line.put("duration_s", settings.durationS());
        line.put("wall_s", wallS);
        ArrayNode problems = line.putArray("problems");
        tally.problems().forEach(problems::add);
        return line.toString();
    }
}
