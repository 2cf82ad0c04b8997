package dev.realtimehub.core.testing;

import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.api.Publisher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A publisher that records what it is given and answers seqs 1, 2, 3, … across all topics; thread-safe. */
public final class RecordingPublisher implements Publisher {

    /** One recorded publish. */
    public record Published(String topic, Publication publication) {
    }

    private final List<Published> published = new ArrayList<>();

    @Override
    public synchronized CompletableFuture<Long> publish(String topic, Publication publication) {
        published.add(new Published(topic, publication));
        return CompletableFuture.completedFuture((long) published.size());
    }

    /** Everything published so far, in order. */
    public synchronized List<Published> published() {
        return List.copyOf(published);
    }

    /** The only publish so far; fails if there were none or several. */
    public synchronized Published single() {
        if (published.size() != 1) {
            throw new AssertionError("expected exactly one publish but got " + published);
        }
        return published.get(0);
    }
}
