package dev.realtimehub.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One client of the chaos run with the hub's client semantics (docs/API.md, "Recovery"; DESIGN.md): it subscribes to
 * the chaos topic; on a lost connection (a cut, a killed node, a refused handshake, its own churn) it reconnects to a
 * node picked at random — a dead one fails fast and it picks again, with growing backoff — and subscribes with
 * {@code since} and {@code epoch}. What it sees goes in its {@link ClientLog}. Over a WebSocket or an SSE stream.
 */
final class RecoveringClient {

    /** The transport a client uses for its whole life. */
    enum Kind { WEBSOCKET, SSE }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = HubNode.TOPIC;

    private final Kind kind;
    private final List<Integer> proxyPorts;
    private final HttpClient http;
    private final ScheduledExecutorService timers;

    // all guarded by this
    private final ClientLog log;
    /** The attempt in use: frames and losses of an older connection (a lower generation) are ignored. */
    private int generation;
    /** The connection of the current attempt once it said {@code connected}. */
    private ClientConnection current;
    private boolean subscribed;
    private boolean stopped;
    private int failuresInARow;
    private long reconnects;

    RecoveringClient(String name, Kind kind, List<Integer> proxyPorts, HttpClient http, ScheduledExecutorService timers) {
        this.kind = kind;
        this.proxyPorts = List.copyOf(proxyPorts);
        this.http = http;
        this.timers = timers;
        this.log = new ClientLog(name);
    }

    /** Connects to the node behind proxy {@code node}. */
    void start(int node) {
        int attempt;
        synchronized (this) {
            attempt = generation;
        }
        open(proxyPorts.get(node), attempt);
    }

    /** Drops the connection on purpose (churn) and comes back as after any loss; false when it was not subscribed. */
    synchronized boolean churn() {
        if (!subscribed || current == null) {
            return false;
        }
        lost(generation, current, "churn");
        return true;
    }

    /** Whether the client is connected and subscribed now. */
    synchronized boolean isSubscribed() {
        return subscribed;
    }

    synchronized long lastSeq() {
        return log.lastSeq();
    }

    synchronized long reconnects() {
        return reconnects;
    }

    synchronized ClientLog log() {
        return log;
    }

    Kind kind() {
        return kind;
    }

    /** Stops for good: closes the connection and reconnects no more. */
    synchronized void stop() {
        stopped = true;
        subscribed = false;
        if (current != null) {
            current.close();
            current = null;
        }
    }

    private void open(int port, int attempt) {
        ClientConnection.Sink sink = new ClientConnection.Sink() {
            @Override
            public void onFrame(ClientConnection connection, String frame) {
                frame(attempt, connection, frame);
            }

            @Override
            public void onLost(ClientConnection connection, String why) {
                lost(attempt, connection, why);
            }
        };
        if (kind == Kind.WEBSOCKET) {
            WebSocketConnection.open(http, port, sink);
        } else {
            SseConnection.open(http, port, sink);
        }
    }

    private synchronized void frame(int attempt, ClientConnection connection, String text) {
        if (stopped || attempt != generation) {
            connection.close(); // a late frame of a connection already given up
            return;
        }
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (IOException unreadable) {
            lost(attempt, connection, "unreadable frame: " + text);
            return;
        }
        String type = frame.path("type").asText();
        if ("connected".equals(type)) {
            current = connection;
            connection.send(subscribeFrame());
            return;
        }
        switch (type) {
            case "subscription" -> subscription(attempt, connection, frame);
            case "gap" -> {
                if (TOPIC.equals(frame.path("topic").asText())) {
                    log.gap(frame.path("from").asLong(), frame.path("to").asLong());
                }
            }
            case "batch" -> frame.path("items").forEach(this::event);
            case "disconnect" -> lost(attempt, connection, "disconnect " + frame.path("code").asInt());
            default -> event(frame);
        }
    }

    private void subscription(int attempt, ClientConnection connection, JsonNode reply) {
        if (!TOPIC.equals(reply.path("topic").asText())) {
            return;
        }
        if (!reply.path("success").asBoolean()) {
            lost(attempt, connection, "subscribe refused: " + reply);
            return;
        }
        if (log.hasSubscribed()) {
            reconnects++;
        }
        // only an explicit recovered:false tells the client it missed something: a reply without the field is not
        // taken as told (whatever then fails to arrive counts as missing)
        boolean told = reply.has("recovered") && !reply.path("recovered").asBoolean();
        log.subscribed(reply.path("seq").asLong(), reply.path("epoch").asText(), !told);
        subscribed = true;
        failuresInARow = 0;
    }

    private void event(JsonNode frame) {
        if (TOPIC.equals(frame.path("topic").asText()) && frame.has("seq") && frame.has("pub")) {
            log.event(frame.path("pub").asText(), frame.path("seq").asLong());
        }
    }

    private String subscribeFrame() {
        if (!log.hasSubscribed()) {
            return "{\"action\":\"subscribe\",\"topic\":\"" + TOPIC + "\"}";
        }
        return "{\"action\":\"subscribe\",\"topic\":\"" + TOPIC + "\",\"since\":" + log.lastSeq() + ",\"epoch\":\""
                + log.epoch() + "\"}";
    }

    private synchronized void lost(int attempt, ClientConnection connection, String why) {
        if (attempt != generation) {
            connection.close(); // an older connection ending late, or a second report of the same loss
            return;
        }
        int next = ++generation;
        connection.close();
        current = null;
        boolean wasSubscribed = subscribed;
        subscribed = false;
        if (stopped) {
            return;
        }
        // the first retry after a working connection goes at once (to a random node); failures back off to 2 s
        long delayMs = wasSubscribed ? ThreadLocalRandom.current().nextLong(10, 100)
                : Math.min(2000, 50L << Math.min(failuresInARow++, 6)) + ThreadLocalRandom.current().nextLong(50);
        int port = proxyPorts.get(ThreadLocalRandom.current().nextInt(proxyPorts.size()));
        timers.schedule(() -> open(port, next), delayMs, TimeUnit.MILLISECONDS);
    }
}
