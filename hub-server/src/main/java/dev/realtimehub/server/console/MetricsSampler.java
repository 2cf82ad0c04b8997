package dev.realtimehub.server.console;

import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.engine.HubCounters;
import dev.realtimehub.core.api.Publication;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the host's and the hub's figures on {@value #TOPIC} every interval, as
 * {@code {"type":"metrics","source":NODE,"data":{…}}}: host CPU % and memory, JVM heap, live connections, events out per
 * second (events written to connections, a batch of N counting N) and subscriptions per topic. The topic's history is what {@code GET /api/metrics} serves.
 *
 * <p>Runs on its own daemon thread, so reading the host never touches an event loop; the probe and the previous reading
 * are confined to that thread. {@link #close()} from any thread.
 */
public final class MetricsSampler implements AutoCloseable {

    /** The topic the samples go to. */
    public static final String TOPIC = "metrics";

    private static final Logger LOG = LoggerFactory.getLogger(MetricsSampler.class);

    private final HubEngine hub;
    private final ScheduledExecutorService executor;
    /** Sampler thread only. */
    private HostProbe probe;
    private long previousEvents;
    private long previousNanos;
    private boolean warned;

    private MetricsSampler(HubEngine hub, long intervalMs) {
        this.hub = hub;
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "hub-metrics");
            thread.setDaemon(true);
            return thread;
        });
        this.previousEvents = eventsOut(hub.counters());
        this.previousNanos = System.nanoTime();
        executor.scheduleAtFixedRate(this::sampleSafely, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    /** Starts sampling {@code hub} every {@code intervalMs}; the first sample comes one interval from now. */
    public static MetricsSampler start(HubEngine hub, long intervalMs) {
        if (intervalMs <= 0) {
            throw new IllegalArgumentException("intervalMs: expected > 0 but was " + intervalMs);
        }
        return new MetricsSampler(hub, intervalMs);
    }

    private void sampleSafely() {
        try {
            hub.publish(TOPIC, Publication.builder("metrics")
                    .field("source", hub.nodeId())
                    .field("data", sample())
                    .build());
        } catch (RuntimeException e) {
            // a sample a second must not turn into a warning a second
            if (!warned) {
                warned = true;
                LOG.warn("metrics sample failed; later failures are logged at debug", e);
            } else {
                LOG.debug("metrics sample failed again", e);
            }
        }
    }

    /** One sample's {@code data}; the sampler thread only. */
    private Map<String, Object> sample() {
        if (probe == null) {
            probe = HostProbe.best(); // loaded here, not at start, so a hub starts without waiting for native access
        }
        HostProbe.HostFigures host = probe.sample();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        HubCounters counters = hub.counters();
        long events = eventsOut(counters);
        long nanos = System.nanoTime();
        double seconds = Math.max(1e-3, (nanos - previousNanos) / 1e9);
        double eventsPerSecond = (events - previousEvents) / seconds;
        previousEvents = events;
        previousNanos = nanos;
        Map<String, Object> subscriptions = new LinkedHashMap<>();
        for (int i = 0; i < counters.topics().size(); i++) {
            subscriptions.put(counters.topics().get(i).name(), counters.subscribers(i));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("cpu_percent", host.cpuPercent() == null ? null : round1(host.cpuPercent()));
        data.put("memory_used_bytes", host.memoryUsedBytes());
        data.put("memory_total_bytes", host.memoryTotalBytes());
        data.put("heap_used_bytes", heap.getUsed());
        data.put("heap_max_bytes", heap.getMax() > 0 ? heap.getMax() : heap.getCommitted());
        data.put("connections", counters.connections());
        data.put("events_out_per_sec", round1(eventsPerSecond));
        data.put("subscriptions", subscriptions);
        return data;
    }

    /** Events written to this node's connections since the hub started, every topic together. */
    private static long eventsOut(HubCounters counters) {
        long total = 0;
        for (int i = 0; i < counters.topics().size(); i++) {
            total += counters.delivered(i);
        }
        return total;
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** Stops sampling; a sample under way finishes. Idempotent. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
