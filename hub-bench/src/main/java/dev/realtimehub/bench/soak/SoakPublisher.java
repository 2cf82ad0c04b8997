package dev.realtimehub.bench.soak;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes the soak run's events: {@code rate} times a second one {@code POST /api/publish} carrying one event for
 * every topic, to the nodes in turn. A publish a node refuses (draining, down, 503) is tried once on the next node, as a
 * publisher behind a load balancer would; refused there too, it is counted and dropped: the soak run watches resources,
 * the chaos scenario checks delivery.
 *
 * <p>Thread-safe.
 */
final class SoakPublisher implements AutoCloseable {

    private static final int IN_FLIGHT = 64;
    private static final String PAD = "x".repeat(150);

    private final List<URI> publishUris;
    private final List<String> topics;
    private final SoakCounters counters;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            SoakClients.daemon("soak-publisher"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final AtomicLong sequence = new AtomicLong();

    SoakPublisher(List<URI> publishUris, List<String> topics, SoakCounters counters) {
        this.publishUris = List.copyOf(publishUris);
        this.topics = List.copyOf(topics);
        this.counters = counters;
    }

    void start(double rate) {
        long periodMicros = Math.max(1000, Math.round(1_000_000 / rate));
        timer.scheduleAtFixedRate(this::publishOnce, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    private void publishOnce() {
        if (!inFlight.tryAcquire()) {
            counters.publishRefused.increment();
            return;
        }
        long n = sequence.getAndIncrement();
        StringBuilder body = new StringBuilder("[");
        for (String topic : topics) {
            if (body.length() > 1) {
                body.append(',');
            }
            body.append("{\"topic\":\"").append(topic).append("\",\"type\":\"soak\",\"k\":\"k").append(n % 8)
                    .append("\",\"n\":").append(n).append(",\"pad\":\"").append(PAD).append("\"}");
        }
        body.append(']');
        send(body.toString(), (int) (n % publishUris.size()), 2);
    }

    private void send(String body, int node, int triesLeft) {
        HttpRequest request = HttpRequest.newBuilder(publishUris.get(node)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() == 200) {
                inFlight.release();
                counters.published.add(topics.size());
            } else if (triesLeft > 1 && publishUris.size() > 1) {
                send(body, (node + 1) % publishUris.size(), triesLeft - 1);
            } else {
                inFlight.release();
                counters.publishRefused.increment();
            }
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
