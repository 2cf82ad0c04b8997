package dev.realtimehub.core.delivery;

import java.util.concurrent.CompletableFuture;

/**
 * What a topic name resolved to: the dispatcher of a catalog topic or of a channel, or the reason there is none.
 *
 * @param dispatcher the topic's or channel's dispatcher; {@code null} when refused
 * @param namespaceIndex the catalog index figures are counted under: the topic's own, or a channel's namespace's
 * @param error why the name was refused ({@code null} when resolved)
 * @param limitReached whether the refusal is the channel limit (a publisher may retry later) rather than a bad name
 * @param ready completes once this node receives the channel's events from the broker (at once for a topic)
 */
public record TopicLookup(TopicDispatcher dispatcher, int namespaceIndex, String error, boolean limitReached,
                          CompletableFuture<Void> ready) {

    private static final CompletableFuture<Void> READY = CompletableFuture.completedFuture(null);

    /** A resolved topic. */
    static TopicLookup found(TopicDispatcher dispatcher, int namespaceIndex) {
        return new TopicLookup(dispatcher, namespaceIndex, null, false, READY);
    }

    /** A resolved channel, receiving its events once {@code ready} completes. */
    static TopicLookup found(TopicDispatcher dispatcher, int namespaceIndex, CompletableFuture<Void> ready) {
        return new TopicLookup(dispatcher, namespaceIndex, null, false, ready);
    }

    /** A refused name. */
    static TopicLookup refused(String error) {
        return new TopicLookup(null, -1, error, false, null);
    }

    /** Refused because {@code limits.max-channels} channels exist. */
    static TopicLookup full(String error) {
        return new TopicLookup(null, -1, error, true, null);
    }

    /** Whether the name resolved. */
    public boolean ok() {
        return dispatcher != null;
    }

    /** Whether it resolved to a channel (its index lies past the catalog's). */
    public boolean isChannel() {
        return dispatcher != null && dispatcher.index() != namespaceIndex;
    }
}
