package dev.realtimehub.server.metrics;

import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.transport.HubServer;
import dev.realtimehub.transport.http.HttpEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The hub's Prometheus registry: the hub's own metrics ({@link HubMetrics}, {@link PublishToWriteHistogram}), the JVM's
 * (memory, GC, threads, class loading) and the process's (CPU, uptime, file descriptors), served by
 * {@code GET /metrics}.
 *
 * <p>Thread-safe. One per running hub; {@link #close()} releases the GC listeners and the scrape thread.
 */
public final class PrometheusMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    /** Scrapes run here, one at a time, never on an event loop. */
    private final ExecutorService scrapes = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hub-metrics");
        thread.setDaemon(true);
        return thread;
    });
    private final MetricsEndpoint endpoint = new MetricsEndpoint(registry, scrapes);

    /** A registry with the JVM and process metrics bound; the hub's are added by {@link #bind}. */
    public PrometheusMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** Adds the metrics of {@code hub} served by {@code server}. */
    public void bind(HubEngine hub, HubServer server) {
        new HubMetrics(hub, server).bindTo(registry);
        registry.getPrometheusRegistry().register(new PublishToWriteHistogram(hub.counters()));
    }

    /** The registry, for an application that adds meters of its own to {@code /metrics}. */
    public MeterRegistry registry() {
        return registry;
    }

    /** {@code GET /metrics}. */
    public HttpEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        scrapes.shutdownNow();
        gc.close();
        registry.close();
    }
}
