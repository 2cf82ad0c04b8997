package dev.realtimehub.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;

/**
 * One WebSocket connection of a {@link SoakClient} to one node: subscribes on {@code connected}, counts events (an item
 * of a {@code batch} frame is an event), gaps and replies, and tells {@link SoakClients} when it is lost — unless the
 * churn abandoned it on purpose, after which its callbacks are ignored. Only the client's current connection counts
 * events (see {@link SoakClient#saw}).
 *
 * <p>The JDK delivers a WebSocket's callbacks one at a time; {@link #abandon()} and {@link #giveUpIfNotSubscribed()}
 * may come from any thread. Losing and abandoning are guarded by this, so a connection the hub closes just as the churn
 * picks it is either lost or abandoned, never both (which would count it out twice and reconnect its client twice).
 */
final class SoakConnection implements WebSocket.Listener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SoakClient client;
    private final SoakClients owner;
    private final URI node;
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private volatile boolean abandoned;
    private volatile boolean subscribed;
    private volatile boolean lost;

    SoakConnection(SoakClient client, SoakClients owner, URI node) {
        this.client = client;
        this.owner = owner;
        this.node = node;
    }

    /** The node this connection goes to. */
    URI node() {
        return node;
    }

    boolean subscribed() {
        return subscribed && !abandoned && !lost;
    }

    boolean opened() {
        return socket != null && !abandoned && !lost;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        this.socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            if (!abandoned && !lost) {
                handle(webSocket, text);
            }
        }
        webSocket.request(1);
        return null;
    }

    private void handle(WebSocket webSocket, String text) {
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (IOException e) {
            owner.counters().protocolErrors.increment();
            return;
        }
        String type = frame.path("type").asText();
        switch (type) {
            case "connected" -> webSocket.sendText(client.subscribeFrame(), true);
            case "subscription" -> {
                if (!frame.path("success").asBoolean()) {
                    owner.counters().protocolErrors.increment();
                    return;
                }
                if (client.connection() != this) {
                    return; // replaced meanwhile (a subscribe timeout)
                }
                if (client.subscribed(this, frame)) {
                    owner.counters().told.increment();
                }
                if (!subscribed) {
                    subscribed = true;
                    owner.subscribed(this);
                }
            }
            case "batch" -> frame.path("items").forEach(item -> event(item, "batch"));
            case "gap" -> owner.counters().gaps.increment();
            case "error" -> owner.counters().protocolErrors.increment();
            default -> {
                if (client.topic().equals(frame.path("topic").asText()) && frame.has("seq")) {
                    event(frame, "event");
                }
            }
        }
    }

    private void event(JsonNode item, String frameType) {
        long seq = item.path("seq").asLong();
        long before = client.lastSeq();
        switch (client.saw(this, seq)) {
            case NEW -> owner.counters().delivered.increment();
            case STALE -> owner.counters().stale.increment();
            case DUPLICATE -> {
                owner.counters().duplicates.increment();
                if (owner.counters().duplicates.sum() <= 20) {
                    System.err.println("soak: duplicate: client " + client.index() + " topic " + client.topic()
                            + " seq " + seq + " (" + frameType + ") after seq " + before + " on a connection "
                            + (subscribed ? "subscribed" : "not yet subscribed"));
                }
            }
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (!abandoned && !lost) {
            owner.counters().closed(statusCode);
        }
        lose();
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (!abandoned && !lost) {
            owner.counters().closed(-1);
            if (Boolean.getBoolean("soak.debug")) {
                System.err.println("soak: client " + client.index() + " connection error: " + error);
            }
        }
        lose();
    }

    /** The opening handshake failed (refused, timed out): the client tries again. */
    void failedToOpen() {
        owner.counters().connectFailures.increment();
        lose();
    }

    private synchronized void lose() {
        if (lost) {
            return;
        }
        boolean wasSubscribed = subscribed();
        lost = true;
        if (!abandoned) {
            owner.lost(client, this, wasSubscribed);
        }
    }

    /**
     * The subscribe timeout: a connection that is still open but not subscribed (no {@code connected}, or no reply to
     * the subscribe) is given up and its client reconnects, so that a hub which never answers shows as a count rather
     * than as clients silently missing from the run.
     *
     * @return whether it was given up (it was still waiting)
     */
    synchronized boolean giveUpIfNotSubscribed() {
        if (subscribed || abandoned || lost) {
            return false;
        }
        owner.counters().subscribeTimeouts.increment();
        lose();
        WebSocket current = socket;
        if (current != null) {
            current.abort();
        }
        return true;
    }

    /** The churn: close this connection (1000) and forget it; its client reconnects at once. */
    synchronized boolean abandon() {
        if (abandoned || lost || !subscribed) {
            return false;
        }
        abandoned = true;
        WebSocket current = socket;
        if (current != null) {
            current.sendClose(WebSocket.NORMAL_CLOSURE, "soak churn").whenComplete((ws, e) -> current.abort());
        }
        return true;
    }
}
