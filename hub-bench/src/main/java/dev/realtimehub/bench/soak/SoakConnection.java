package dev.realtimehub.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;

/**
 * One WebSocket connection of a {@link SoakClient}: subscribes on {@code connected}, counts events (an item of a
 * {@code batch} frame is an event), gaps and replies, and tells {@link SoakClients} when it is lost — unless the
 * churn abandoned it on purpose, after which its callbacks are ignored.
 *
 * <p>The JDK delivers a WebSocket's callbacks one at a time; {@link #abandon()} may come from any thread.
 */
final class SoakConnection implements WebSocket.Listener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SoakClient client;
    private final SoakClients owner;
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private volatile boolean abandoned;
    private volatile boolean subscribed;
    private volatile boolean lost;

    SoakConnection(SoakClient client, SoakClients owner) {
        this.client = client;
        this.owner = owner;
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
            if (!abandoned) {
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
                if (client.subscribed(frame)) {
                    owner.counters().told.increment();
                }
                if (!subscribed) {
                    subscribed = true;
                    owner.subscribed(this);
                }
            }
            case "batch" -> frame.path("items").forEach(this::event);
            case "gap" -> owner.counters().gaps.increment();
            case "error" -> owner.counters().protocolErrors.increment();
            default -> {
                if (client.topic().equals(frame.path("topic").asText()) && frame.has("seq")) {
                    event(frame);
                }
            }
        }
    }

    private void event(JsonNode item) {
        if (client.saw(item.path("seq").asLong())) {
            owner.counters().delivered.increment();
        } else {
            owner.counters().duplicates.increment();
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

    private void lose() {
        if (lost) {
            return;
        }
        boolean wasSubscribed = subscribed();
        lost = true;
        if (!abandoned) {
            owner.lost(client, wasSubscribed);
        }
    }

    /** The churn: close this connection (1000) and forget it; its client reconnects at once. */
    boolean abandon() {
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
