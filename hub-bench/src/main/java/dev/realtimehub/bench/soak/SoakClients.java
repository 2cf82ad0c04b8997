package dev.realtimehub.bench.soak;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The soak run's audience: {@code connections} clients (JDK WebSocket) spread over the hub nodes, client {@code i}
 * subscribed to topic {@code i mod topics}. A client whose subscribed connection is lost (a node draining with 1001)
 * comes back after a random 0..{@code jitterMs} to a random node and resubscribes with {@code since}/{@code epoch}; an
 * attempt that fails before the subscription is confirmed (a refused connect to a node that is down, a handshake timing
 * out, no reply within {@link #SUBSCRIBE_TIMEOUT_S}) is tried again on another node, after a random delay that doubles
 * with every failure in a row (0..{@code jitterMs}, 0..2x, .., at most {@link #MAX_BACKOFF_MS}). The churn closes
 * {@code churnPerSecond} random subscribed connections a second, which come back at once to the node holding the
 * fewest subscribed clients (as a least-connections load balancer would send them), skipping a node that refused a
 * connect in the last {@link #REFUSED_MEMORY_MS}: so after a restart the churn moves the clients that crowded onto the
 * other nodes back, and every node holds about as many clients whenever the report judges its heap.
 *
 * <p>Thread-safe: callbacks arrive on the HTTP client's executor, the churn on its own timer.
 */
final class SoakClients implements AutoCloseable {

    /** Most WebSocket handshakes in flight at once, so 10,000 clients do not open all at the same instant. */
    private static final int HANDSHAKES_IN_FLIGHT = 200;
    /** How long an open connection may wait for {@code connected} and the subscription reply before it is given up. */
    static final long SUBSCRIBE_TIMEOUT_S = 30;
    /** The longest random delay before another attempt after failures in a row. */
    static final long MAX_BACKOFF_MS = 30_000;
    /** How long a node that refused a connect is passed over by the churn's choice of node. */
    static final long REFUSED_MEMORY_MS = 2_000;

    private final List<URI> nodes;
    private final List<SoakClient> clients = new ArrayList<>();
    private final SoakCounters counters;
    private final long jitterMs;
    private final ExecutorService callbacks = Executors.newFixedThreadPool(2, daemon("soak-ws"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("soak-churn"));
    private final HttpClient http = HttpClient.newBuilder().executor(callbacks)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Semaphore handshakes = new Semaphore(HANDSHAKES_IN_FLIGHT);
    /** Clients waiting out their delay before the next attempt. */
    private final AtomicInteger waiting = new AtomicInteger();
    /** Subscribed clients per node (same order as {@link #nodes}). */
    private final AtomicIntegerArray onNode;
    /** Per node, {@link System#nanoTime()} until which the churn passes it over (it refused a connect). */
    private final AtomicLongArray refusedUntil;
    private volatile boolean closing;
    private double churnDebt;
    /** {@link System#nanoTime()} of the last churn tick, 0 before the first (timer thread only). */
    private long lastChurnNanos;

    SoakClients(List<URI> nodes, List<String> topics, int connections, SoakCounters counters, long jitterMs) {
        if (nodes.isEmpty() || topics.isEmpty() || connections < 1) {
            throw new IllegalArgumentException("nodes, topics and connections must not be empty");
        }
        this.nodes = List.copyOf(nodes);
        this.onNode = new AtomicIntegerArray(nodes.size());
        this.refusedUntil = new AtomicLongArray(nodes.size());
        this.counters = counters;
        this.jitterMs = jitterMs;
        for (int i = 0; i < connections; i++) {
            clients.add(new SoakClient(i, topics.get(i % topics.size())));
        }
    }

    SoakCounters counters() {
        return counters;
    }

    /**
     * Where the clients are, for a look while debugging: handshakes in flight, clients subscribed, opened but not
     * subscribed, waiting to try again, and the rest (mostly waiting for one of the handshake slots).
     */
    String state() {
        int opened = 0;
        int subscribed = 0;
        for (SoakClient client : clients) {
            SoakConnection connection = client.connection();
            if (connection != null && connection.subscribed()) {
                subscribed++;
            } else if (connection != null && connection.opened()) {
                opened++;
            }
        }
        return "handshakes in flight " + (HANDSHAKES_IN_FLIGHT - handshakes.availablePermits()) + ", subscribed "
                + subscribed + ", open but not subscribed " + opened + ", waiting to reconnect " + waiting.get()
                + ", the rest (waiting for a handshake slot or in between) "
                + Math.max(0, clients.size() - subscribed - opened - waiting.get()
                        - (HANDSHAKES_IN_FLIGHT - handshakes.availablePermits()));
    }

    /** Opens every client's first connection (client {@code i} on node {@code i mod nodes}). */
    void start() {
        for (SoakClient client : clients) {
            connect(client, nodes.get(client.index() % nodes.size()));
        }
    }

    /** Starts the churn: {@code perSecond} connections closed and reopened a second, spread over ten ticks. */
    void churn(double perSecond) {
        if (perSecond <= 0) {
            return;
        }
        timer.scheduleWithFixedDelay(() -> churnTick(perSecond), 100, 100, TimeUnit.MILLISECONDS);
    }

    private void churnTick(double perSecond) {
        long now = System.nanoTime();
        double seconds = lastChurnNanos == 0 ? 0.1 : (now - lastChurnNanos) / 1e9;
        lastChurnNanos = now;
        churnDebt = accrueChurn(churnDebt, perSecond, seconds);
        int tries = 0;
        while (churnDebt >= 1 && tries++ < 100 && !closing) {
            SoakClient client = clients.get(ThreadLocalRandom.current().nextInt(clients.size()));
            SoakConnection connection = client.connection();
            if (connection != null && connection.abandon()) {
                churnDebt -= 1;
                counters.churned.increment();
                counters.connected.decrementAndGet();
                onNode.decrementAndGet(nodes.indexOf(connection.node()));
                connect(client, leastLoadedNode());
            }
        }
    }

    /**
     * The churn owed {@code seconds} after the last tick: the rate times the time, never more than a second's worth.
     * The ticks are timed by the clock, not counted: a timer that stalled (a starved machine, a collection pause) would
     * otherwise owe the whole stall — 700 connections closed at once after 70 s at 10 a second — and the handshakes
     * of that burst, not the hub, would empty the run of subscribed clients.
     */
    static double accrueChurn(double debt, double perSecond, double seconds) {
        return Math.min(debt + perSecond * Math.max(0, seconds), Math.max(1, perSecond));
    }

    private void connect(SoakClient client, URI node) {
        if (closing) {
            return;
        }
        if (!handshakes.tryAcquire()) {
            timer.schedule(() -> connect(client, node), 20, TimeUnit.MILLISECONDS);
            return;
        }
        SoakConnection connection = new SoakConnection(client, this, node);
        client.connection(connection);
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(node, connection)
                .whenComplete((ws, error) -> {
                    handshakes.release();
                    if (error != null) {
                        refusedUntil.set(nodes.indexOf(node),
                                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REFUSED_MEMORY_MS));
                        connection.failedToOpen();
                    } else if (!closing) {
                        timer.schedule(connection::giveUpIfNotSubscribed, SUBSCRIBE_TIMEOUT_S, TimeUnit.SECONDS);
                    }
                });
    }

    /** A connection of {@code client} subscribed. */
    void subscribed(SoakConnection connection) {
        counters.connected.incrementAndGet();
        onNode.incrementAndGet(nodes.indexOf(connection.node()));
    }

    /**
     * A connection of {@code client} was lost (not by the churn): it comes back after a random delay, to a random node
     * if it had been subscribed, else to another node than the one that failed it, later with every failure in a row.
     */
    void lost(SoakClient client, SoakConnection connection, boolean wasSubscribed) {
        if (wasSubscribed) {
            counters.connected.decrementAndGet();
            onNode.decrementAndGet(nodes.indexOf(connection.node()));
        }
        if (closing) {
            return;
        }
        counters.reconnects.increment();
        long bound = wasSubscribed ? jitterMs : backoffBound(jitterMs, client.failed());
        long delay = bound > 0 ? ThreadLocalRandom.current().nextLong(bound + 1) : 0;
        URI next = wasSubscribed ? randomNode() : otherNode(connection.node());
        waiting.incrementAndGet();
        try {
            timer.schedule(() -> {
                waiting.decrementAndGet();
                connect(client, next);
            }, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            waiting.decrementAndGet(); // closing
        }
    }

    /** The bound of the random delay after {@code failures} failed attempts in a row: doubling from {@code jitterMs}. */
    static long backoffBound(long jitterMs, int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 16);
        return Math.min(jitterMs << doublings, Math.max(jitterMs, MAX_BACKOFF_MS));
    }

    /** A random node other than {@code failed} (the only node when there is one). */
    private URI otherNode(URI failed) {
        if (nodes.size() == 1) {
            return nodes.get(0);
        }
        URI next;
        do {
            next = randomNode();
        } while (next.equals(failed));
        return next;
    }

    /**
     * The node holding the fewest subscribed clients among those that did not refuse a connect lately (ties broken at
     * random; every node when all refused).
     */
    URI leastLoadedNode() {
        long now = System.nanoTime();
        int best = -1;
        int ties = 0;
        for (int pass = 0; pass < 2 && best < 0; pass++) {
            for (int i = 0; i < nodes.size(); i++) {
                if (pass == 0 && refusedUntil.get(i) - now > 0) {
                    continue;
                }
                int load = onNode.get(i);
                if (best < 0 || load < onNode.get(best)) {
                    best = i;
                    ties = 1;
                } else if (load == onNode.get(best) && ThreadLocalRandom.current().nextInt(++ties) == 0) {
                    best = i;
                }
            }
        }
        return nodes.get(best);
    }

    /** Subscribed clients on each node, in the order of the nodes. */
    int[] subscribedPerNode() {
        int[] counts = new int[nodes.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = onNode.get(i);
        }
        return counts;
    }

    private URI randomNode() {
        return nodes.get(ThreadLocalRandom.current().nextInt(nodes.size()));
    }

    @Override
    public void close() {
        closing = true;
        timer.shutdownNow();
        for (SoakClient client : clients) {
            SoakConnection connection = client.connection();
            if (connection != null) {
                connection.abandon();
            }
        }
        callbacks.shutdown();
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
