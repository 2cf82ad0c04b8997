package dev.realtimehub.spring;

import dev.realtimehub.core.health.DeliveryProbe;
import dev.realtimehub.server.RealtimeHub;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code realtimeHub} health indicator: UP while the hub's end-to-end delivery probe passes (a probe event
 * published through the broker, through Redis when configured, came back within {@code health.ready-timeout-ms}, as
 * {@code GET /health/ready} checks), DOWN with the reason when it does not, and DOWN while the hub drains.
 */
public final class RealtimeHubHealthIndicator implements HealthIndicator {

    /** Headroom over the probe's own timeout, after which the probe itself would have answered unready. */
    private static final long MARGIN_MS = 1_000;

    private final RealtimeHub hub;

    RealtimeHubHealthIndicator(RealtimeHub hub) {
        this.hub = hub;
    }

    @Override
    public Health health() {
        Health.Builder health = new Health.Builder().withDetail("node", hub.engine().nodeId())
                .withDetail("broker", hub.engine().brokerName()).withDetail("uri", hub.httpUri().toString());
        if (hub.draining()) {
            return health.down().withDetail("reason", "draining").build();
        }
        long timeoutMs = hub.config().operations().readyTimeoutMs();
        DeliveryProbe.Result result;
        try {
            result = hub.engine().checkDelivery(timeoutMs).get(timeoutMs + MARGIN_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return health.down().withDetail("reason", "interrupted").build();
        } catch (ExecutionException | TimeoutException e) {
            return health.down().withDetail("reason", "probe failed: " + e).build();
        }
        if (!result.ready()) {
            return health.down().withDetail("reason", result.reason()).build();
        }
        return health.up().withDetail("latency_ms", result.latencyNanos() / 1_000_000.0).build();
    }
}
