package dev.realtimehub.bench.chaos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faults of a chaos run, at fixed fractions of its duration so that they overlap the churn and each other:
 * a proxy cuts its node's connections (15%), the last node is SIGKILLed and started again (25%), Redis is shut down
 * and started 2 s later on the same append-only file (45%), every proxy cuts (60%), a publish burst (70%), and churn —
 * clients dropping their connection on purpose at the asked rate — from 10% to 85%. Each fault that ran is recorded.
 */
final class FaultSchedule {

    private final ChaosCluster cluster;
    private final ChaosPublisher publisher;
    private final List<RecoveringClient> clients;
    private final ScheduledExecutorService timers;
    private final int burst;
    private final int churnPerS;
    private final long startNanos = System.nanoTime();
    private final List<Fault> faults = new ArrayList<>();
    private final List<CompletableFuture<Void>> running = new ArrayList<>();

    FaultSchedule(ChaosCluster cluster, ChaosPublisher publisher, List<RecoveringClient> clients,
                  ScheduledExecutorService timers, int burst, int churnPerS) {
        this.cluster = cluster;
        this.publisher = publisher;
        this.clients = clients;
        this.timers = timers;
        this.burst = burst;
        this.churnPerS = churnPerS;
    }

    /** Runs the whole schedule over {@code durationS} seconds and returns once every fault is over. */
    List<Fault> run(int durationS) throws Exception {
        long d = TimeUnit.SECONDS.toMillis(durationS);
        at(d * 15 / 100, this::cutOne);
        at(d * 25 / 100, this::killNode);
        at(d * 45 / 100, this::restartRedis);
        at(d * 60 / 100, this::cutAll);
        at(d * 70 / 100, this::burst);
        at(d * 10 / 100, () -> churn(d * 75 / 100));
        for (CompletableFuture<Void> fault : running) {
            fault.get(d + TimeUnit.MINUTES.toMillis(2), TimeUnit.MILLISECONDS);
        }
        synchronized (faults) {
            return List.copyOf(faults);
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private void at(long delayMs, Step step) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        running.add(done);
        timers.schedule(() -> {
            try {
                step.run();
                done.complete(null);
            } catch (Exception | Error failure) {
                done.completeExceptionally(failure);
            }
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    private void cutOne() {
        double at = now();
        record("proxy_cut", at, Map.of("proxies", 1, "connections_cut", cluster.proxy(0).cutAll()));
    }

    private void cutAll() {
        double at = now();
        int cut = 0;
        for (int i = 0; i < cluster.size(); i++) {
            cut += cluster.proxy(i).cutAll();
        }
        record("proxy_cut", at, Map.of("proxies", cluster.size(), "connections_cut", cut));
    }

    private void killNode() throws Exception {
        int victim = cluster.size() - 1;
        double at = now();
        cluster.node(victim).kill();
        double killed = now();
        cluster.node(victim).start();
        record("node_kill", at, Map.of("node", victim, "signal", "SIGKILL", "killed_s", round(killed - at),
                "back_after_s", round(now() - at)));
    }

    private void restartRedis() throws Exception {
        double at = now();
        cluster.redis().stop();
        double down = now();
        CompletableFuture<Void> started = new CompletableFuture<>();
        timers.schedule(() -> {
            try {
                cluster.redis().start();
                started.complete(null);
            } catch (Exception failure) {
                started.completeExceptionally(failure);
            }
        }, 2, TimeUnit.SECONDS);
        started.get(60, TimeUnit.SECONDS);
        double up = now();
        for (int i = 0; i < cluster.size(); i++) {
            cluster.awaitReady(i, 60);
        }
        record("redis_restart", at, Map.of("stopped_after_s", round(down - at), "down_s", round(up - down),
                "nodes_ready_after_s", round(now() - at)));
    }

    private void burst() throws InterruptedException {
        double at = now();
        long[] tally = publisher.burst(burst, 64);
        record("burst", at, Map.of("publishes", burst, "acknowledged", tally[0], "refused", tally[1], "unknown",
                tally[2], "took_s", round(now() - at)));
    }

    private void churn(long forMs) throws Exception {
        double at = now();
        AtomicLong churned = new AtomicLong();
        long periodMicros = TimeUnit.SECONDS.toMicros(1) / churnPerS;
        ScheduledFuture<?> ticks = timers.scheduleAtFixedRate(() -> {
            for (int tries = 0; tries < 5; tries++) {
                if (clients.get(ThreadLocalRandom.current().nextInt(clients.size())).churn()) {
                    churned.incrementAndGet();
                    return;
                }
            }
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        CompletableFuture<Void> over = new CompletableFuture<>();
        timers.schedule(() -> {
            ticks.cancel(false);
            over.complete(null);
        }, forMs, TimeUnit.MILLISECONDS);
        over.get(forMs + 60_000, TimeUnit.MILLISECONDS);
        double took = now() - at;
        record("churn", at, Map.of("reconnects_asked_per_s", churnPerS, "churned", churned.get(),
                "per_s", round(churned.get() / took), "for_s", round(took)));
    }

    private void record(String kind, double at, Map<String, Object> details) {
        Map<String, Object> ordered = new LinkedHashMap<>(details);
        synchronized (faults) {
            faults.add(new Fault(kind, round(at), ordered));
        }
    }

    private double now() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 100) / 100.0;
    }
}
