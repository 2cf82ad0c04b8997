package dev.realtimehub.core.health;

import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.internal.FieldValues;
import dev.realtimehub.core.util.Ids;
import dev.realtimehub.core.spi.Broker;
import dev.realtimehub.core.spi.Scheduler;
import dev.realtimehub.core.topics.TopicConfig;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The readiness probe: publishes an event on the internal topic {@value #TOPIC} through the broker (through Redis when the
 * hub runs on Redis) and waits, without blocking anyone, for the broker to hand it back. A broker that accepts publishes
 * but has silently stopped delivering them makes the probe time out.
 *
 * <p>{@value #TOPIC} is not in the topic catalog: clients never see it in {@code available_topics}, cannot subscribe to it
 * or publish on it over HTTP, and it appears in no stats. Thread-safe; concurrent checks share the probe in flight.
 */
public final class DeliveryProbe {

    /** The internal topic probes travel on. */
    public static final String TOPIC = "hub_probe";

    /** Its settings: an immediate topic keeping a single event of history. */
    public static final TopicConfig CONFIG = TopicConfig.builder(TOPIC).history(1).build();

    private static final String ID_FIELD = "probe_id";

    private final Broker broker;
    private final String nodeId;
    private final Scheduler scheduler;
    /** Probes published by this node and not yet back, by id; other nodes' probes are ignored. */
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    /** Guarded by this. */
    private CompletableFuture<Result> inFlight;

    /** A probe publishing through {@code broker}, timing out on {@code scheduler}. */
    public DeliveryProbe(Broker broker, String nodeId, Scheduler scheduler) {
        this.broker = Objects.requireNonNull(broker, "broker");
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /**
     * Publishes a probe, or joins the one in flight; any thread, never blocks.
     *
     * @return completes (never exceptionally) with ready and the round-trip latency once the probe came back, or with
     *     unready and the reason when the broker refused it or it did not come back within {@code timeoutMs}
     */
    public synchronized CompletableFuture<Result> check(long timeoutMs) {
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("timeoutMs must be positive, was " + timeoutMs);
        }
        if (inFlight != null && !inFlight.isDone()) {
            return inFlight;
        }
        String id = Ids.random(64);
        CompletableFuture<Result> result = new CompletableFuture<>();
        inFlight = result;
        pending.put(id, new Pending(System.nanoTime(), result));
        Scheduler.Cancellable timer = scheduler.schedule(() -> fail(id, "the probe did not come back through the "
                + "broker within " + timeoutMs + " ms"), timeoutMs);
        result.whenComplete((done, failure) -> timer.cancel());
        try {
            broker.publish(CONFIG, Publication.of("probe", Map.of(ID_FIELD, id, "node", nodeId)))
                    .whenComplete((event, failure) -> {
                        if (failure != null) {
                            fail(id, "the broker refused the probe: " + failure);
                        }
                    });
        } catch (RuntimeException e) {
            fail(id, "the broker refused the probe: " + e);
        }
        return result;
    }

    /** Takes an event of {@value #TOPIC} the broker delivered; completes the matching probe of this node. */
    public void onEvent(Event event) {
        String id = FieldValues.text(event.fields().get(ID_FIELD));
        Pending probe = id == null ? null : pending.remove(id);
        if (probe != null) {
            probe.result.complete(Result.ready(System.nanoTime() - probe.startNanos));
        }
    }

    private void fail(String id, String reason) {
        Pending probe = pending.remove(id);
        if (probe != null) {
            probe.result.complete(Result.unready(reason));
        }
    }

    private record Pending(long startNanos, CompletableFuture<Result> result) {
    }

    /**
     * The outcome of one probe.
     *
     * @param ready whether the probe came back
     * @param latencyNanos how long the round trip took (0 when not ready)
     * @param reason why not ready, or null
     */
    public record Result(boolean ready, long latencyNanos, String reason) {

        /** A probe that came back after {@code latencyNanos}. */
        public static Result ready(long latencyNanos) {
            return new Result(true, latencyNanos, null);
        }

        /** A probe that failed for {@code reason}. */
        public static Result unready(String reason) {
            return new Result(false, 0, reason);
        }
    }
}
