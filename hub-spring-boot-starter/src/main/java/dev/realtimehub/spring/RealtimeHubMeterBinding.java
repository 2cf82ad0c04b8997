package dev.realtimehub.spring;

import dev.realtimehub.server.RealtimeHub;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Registers the hub's meters ({@code hub.connections}, {@code hub.events.published}, … see
 * {@link RealtimeHub#meterBinder()}) in the application's {@link MeterRegistry} — Actuator's, or the single or primary
 * registry bean — once all singletons exist. Without a registry it does nothing; the hub's own {@code GET /metrics}
 * serves them either way.
 */
public final class RealtimeHubMeterBinding implements SmartInitializingSingleton {

    private final ObjectProvider<RealtimeHub> hub;
    private final ObjectProvider<MeterRegistry> registry;

    RealtimeHubMeterBinding(ObjectProvider<RealtimeHub> hub, ObjectProvider<MeterRegistry> registry) {
        this.hub = hub;
        this.registry = registry;
    }

    @Override
    public void afterSingletonsInstantiated() {
        RealtimeHub running = hub.getIfUnique();
        MeterRegistry target = registry.getIfUnique();
        if (running != null && target != null) {
            running.meterBinder().bindTo(target);
        }
    }
}
