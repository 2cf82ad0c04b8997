package dev.realtimehub.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The publishers of the chaos run: one paced loop per hub node, straight to the node (not through its proxy), one
 * event per {@code POST /api/publish}, and the burst. Every event carries a unique {@code pub} id, and its fate goes
 * in the {@link PublishLedger}: 200 with its seq, unknown (504: the hub could not tell whether Redis took it; or no
 * answer), refused (any other status, or a connection the node's port refused),
 * or unknown (no answer).
 */
final class ChaosPublisher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PublishLedger ledger;
    private final List<Integer> nodePorts;
    private final int ratePerNode;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong burstIds = new AtomicLong();
    private final List<Thread> loops = new ArrayList<>();

    ChaosPublisher(PublishLedger ledger, List<Integer> nodePorts, int ratePerNode) {
        this.ledger = ledger;
        this.nodePorts = List.copyOf(nodePorts);
        this.ratePerNode = ratePerNode;
    }

    /** Starts one paced publishing loop per node. */
    void start() {
        running.set(true);
        for (int node = 0; node < nodePorts.size(); node++) {
            int index = node;
            Thread loop = new Thread(() -> paced(index), "chaos-publisher-" + node);
            loop.setDaemon(true);
            loops.add(loop);
            loop.start();
        }
    }

    /** Stops the loops and waits until each one's last publish has its answer. */
    void stop() throws InterruptedException {
        running.set(false);
        for (Thread loop : loops) {
            loop.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    /**
     * Sends {@code count} publishes round-robin over the nodes with {@code inFlight} at a time and waits for every
     * answer; returns {acknowledged, refused, unknown} of the burst.
     */
    long[] burst(int count, int inFlight) throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        List<CompletableFuture<PublishLedger.Fate>> answers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            slots.acquire();
            String pub = "b-" + burstIds.incrementAndGet();
            answers.add(send(nodePorts.get(i % nodePorts.size()), pub).whenComplete((fate, failure) -> slots.release()));
        }
        long[] tally = new long[3];
        for (CompletableFuture<PublishLedger.Fate> answer : answers) {
            tally[answer.join().ordinal()]++;
        }
        return tally;
    }

    private void paced(int node) {
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / ratePerNode;
        long next = System.nanoTime();
        long n = 0;
        while (running.get()) {
            send(nodePorts.get(node), "n" + node + "-" + (++n)).join();
            next += periodNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait); // pacing the publish rate
            } else {
                next = System.nanoTime(); // a slow answer (node down): no catch-up burst afterwards
            }
        }
    }

    private CompletableFuture<PublishLedger.Fate> send(int port, String pub) {
        String body = "{\"topic\":\"" + HubNode.TOPIC + "\",\"type\":\"chaos\",\"pub\":\"" + pub + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/publish"))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((answer, failure) -> {
            if (failure != null) {
                if (causedBy(failure, ConnectException.class)) {
                    ledger.refused(pub, 0); // the node's port refused the connection: the hub never saw it
                    return PublishLedger.Fate.REFUSED;
                }
                ledger.unknown(pub);
                return PublishLedger.Fate.UNKNOWN;
            }
            if (answer.statusCode() == 504) {
                ledger.unknown(pub); // the hub says so: Redis went away while running it, it may have been accepted
                return PublishLedger.Fate.UNKNOWN;
            }
            if (answer.statusCode() != 200) {
                ledger.refused(pub, answer.statusCode());
                return PublishLedger.Fate.REFUSED;
            }
            try {
                JsonNode seqs = JSON.readTree(answer.body()).path("seqs");
                if (seqs.size() != 1 || !seqs.get(0).canConvertToLong()) {
                    throw new IOException("no seq in " + answer.body());
                }
                ledger.acknowledged(pub, seqs.get(0).asLong());
                return PublishLedger.Fate.ACKNOWLEDGED;
            } catch (IOException unreadable) {
                ledger.unknown(pub);
                return PublishLedger.Fate.UNKNOWN;
            }
        });
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
