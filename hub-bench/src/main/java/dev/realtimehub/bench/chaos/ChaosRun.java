package dev.realtimehub.bench.chaos;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One chaos run from start to report: stands up the {@link ChaosCluster}, connects the clients (half over WebSocket,
 * half over SSE, spread over the nodes' proxies), starts the publishers, runs the {@link FaultSchedule}, stops the
 * publishers, waits for every client to come back and catch up with the last acknowledged seq, and checks what each
 * one saw against the {@link PublishLedger}. Every process it started is stopped before it returns.
 */
public final class ChaosRun {

    /** How long the clients get, after the faults and the publishers stopped, to be back and caught up. */
    private static final long SETTLE_S = 45;

    private final ChaosSettings settings;

    public ChaosRun(ChaosSettings settings) {
        this.settings = settings;
    }

    /** Runs the scenario and returns its report. */
    public ChaosReport run() throws Exception {
        long startNanos = System.nanoTime();
        ScheduledExecutorService clientTimers = Executors.newScheduledThreadPool(2, daemon("chaos-client-timer"));
        ScheduledExecutorService faultTimers = Executors.newScheduledThreadPool(8, daemon("chaos-fault"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3)).build();
        List<RecoveringClient> clients = new ArrayList<>();
        try (ChaosCluster cluster = ChaosCluster.start(settings)) {
            for (int i = 0; i < settings.clients(); i++) {
                RecoveringClient.Kind kind = i % 2 == 0 ? RecoveringClient.Kind.WEBSOCKET : RecoveringClient.Kind.SSE;
                RecoveringClient client = new RecoveringClient("client-" + i + "-" + kind.name().toLowerCase(), kind,
                        cluster.proxyPorts(), http, clientTimers);
                clients.add(client);
                client.start(i % cluster.size());
            }
            if (!await(60, () -> clients.stream().allMatch(RecoveringClient::isSubscribed))) {
                throw new IllegalStateException("not every client subscribed within 60 s of the start");
            }
            PublishLedger ledger = new PublishLedger();
            ChaosPublisher publisher = new ChaosPublisher(ledger, cluster.nodePorts(), settings.ratePerNode());
            publisher.start();
            List<Fault> faults = new FaultSchedule(cluster, publisher, clients, faultTimers, settings.burst(),
                    settings.churnPerS()).run(settings.durationS());
            // the faults are over: a little more steady publishing on a healthy cluster, then the last answers
            long quietUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(3, settings.durationS() / 20));
            await(60, () -> System.nanoTime() > quietUntil);
            publisher.stop();
            await(SETTLE_S, () -> clients.stream().allMatch(c -> c.isSubscribed() && c.lastSeq() >= ledger.maxAckedSeq()));
            int stillDisconnected = (int) clients.stream().filter(c -> !c.isSubscribed()).count();
            clients.forEach(RecoveringClient::stop);
            List<ClientLog> logs = clients.stream().map(RecoveringClient::log).toList();
            ChaosVerifier.Tally tally = ChaosVerifier.check(ledger, logs);
            long reconnects = clients.stream().mapToLong(RecoveringClient::reconnects).sum();
            int ws = (int) clients.stream().filter(c -> c.kind() == RecoveringClient.Kind.WEBSOCKET).count();
            return new ChaosReport(settings, ledger.count(PublishLedger.Fate.ACKNOWLEDGED),
                    ledger.count(PublishLedger.Fate.REFUSED), ledger.count(PublishLedger.Fate.UNKNOWN), ledger.seqReused(),
                    tally, reconnects, stillDisconnected, ws, clients.size() - ws, faults,
                    Math.round((System.nanoTime() - startNanos) / 1e7) / 100.0);
        } finally {
            clients.forEach(RecoveringClient::stop);
            faultTimers.shutdownNow();
            clientTimers.shutdownNow();
        }
    }

    /** Polls {@code condition} every 100 ms for at most {@code seconds}; returns whether it came true. */
    private static boolean await(long seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(100); // polling a condition over many clients and processes
        }
        return true;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
