package dev.realtimehub.e2e;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The test page {@code /e2e/client.html} in a {@link Browser}: a {@code WebSocketManager} subscribed to some topics,
 * whose handlers record what they see in {@code window.e2e}; this class reads it back.
 */
final class ClientPage {

    private final Browser browser;

    private ClientPage(Browser browser) {
        this.browser = browser;
    }

    /**
     * Opens the page served by the hub (or a proxy in front of it) at {@code base}.
     *
     * @param query the page's query string without '?': {@code ws}, {@code topics}, timing options of the client
     */
    static ClientPage open(Browser browser, URI base, String query) {
        browser.load(base.resolve("/e2e/client.html") + (query.isEmpty() ? "" : "?" + query));
        return new ClientPage(browser);
    }

    /** The client's state: connecting, connected, closing or disconnected. */
    String status() {
        return (String) browser.js("return window.e2e.manager.getStatus();");
    }

    /** The events the topic's handler got, in order: {topic, seq, epoch, event}. */
    List<Map<String, Object>> events(String topic) {
        return list("return window.e2e.events.filter((e) => e.topic === arguments[0]);", topic);
    }

    /** The seqs the topic's handler got, in order. */
    List<Long> seqs(String topic) {
        return events(topic).stream().map(e -> ((Number) e.get("seq")).longValue()).toList();
    }

    /** The failed recoveries, as the handler ({@code via: 'handler'}) and onRecoveryFailed saw them. */
    List<Map<String, Object>> recoveryFailures() {
        return list("return window.e2e.recoveryFailed;");
    }

    /** Every state change: {state, code, reason}. */
    List<Map<String, Object>> states() {
        return list("return window.e2e.states;");
    }

    /** What onError reported: {type, message}. */
    List<Map<String, Object>> clientErrors() {
        return list("return window.e2e.errors;");
    }

    /** How many raw frames of this {@code type} the socket received (a batch counts once). */
    long frames(String type) {
        return ((Number) browser.js("return window.e2e.frames[arguments[0]] || 0;", type)).longValue();
    }

    /** The server's {@code subscription} replies, in order, as the socket received them. */
    List<Map<String, Object>> subscriptionReplies() {
        return list("return window.e2e.subscriptions;");
    }

    /** {@code getStats()} without its dates. */
    Map<String, Object> stats() {
        return map("const s = window.e2e.manager.getStats(); delete s.lastConnectedAt; delete s.lastDisconnectedAt;"
                + " return s;");
    }

    /** One number of {@code getStats()}. */
    long stat(String name) {
        return ((Number) stats().get(name)).longValue();
    }

    /** What the page recorded besides the events, as JSON: for failure messages. */
    String debug() {
        return (String) browser.js("const e = window.e2e; return JSON.stringify({states: e.states, frames: e.frames,"
                + " subscriptions: e.subscriptions, errors: e.errors, stats: e.manager.getStats()});");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> list(String script, Object... args) {
        return (List<Map<String, Object>>) browser.js(script, args);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(String script) {
        return (Map<String, Object>) browser.js(script);
    }
}
