package dev.realtimehub.bench.chaos;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One fault the chaos run injected, as the report lists it: its kind ({@code proxy_cut}, {@code node_kill},
 * {@code redis_restart}, {@code burst}, {@code churn}), when it began (seconds into the run) and what it did
 * (connections cut, seconds until the node or Redis was back, publishes of the burst, reconnects of the churn).
 */
public record Fault(String kind, double atS, Map<String, Object> details) {

    public Fault {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
