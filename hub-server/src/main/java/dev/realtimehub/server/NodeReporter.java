package dev.realtimehub.server;

import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.api.HubStats;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the other hub nodes, through the broker, how this node is doing (connections, subscriptions) every two
 * seconds, so any node's stats can show the cluster's totals. A no-op with the memory broker. Thread-safe.
 */
final class NodeReporter implements AutoCloseable {

    static final long INTERVAL_MS = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(NodeReporter.class);

    private final HubEngine hub;
    private final ScheduledExecutorService timer;

    NodeReporter(HubEngine hub) {
        this.hub = hub;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "hub-node-reporter");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::report, 0, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    private void report() {
        try {
            HubStats stats = hub.stats();
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("connections", stats.connections());
            Map<String, Integer> subscriptions = new LinkedHashMap<>();
            stats.topics().forEach(t -> subscriptions.put(t.name(), t.subscribers()));
            figures.put("subscriptions", subscriptions);
            figures.put("reported_at", System.currentTimeMillis());
            hub.reportNode(figures);
        } catch (RuntimeException e) {
            LOG.debug("node report failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
