package dev.realtimehub.server.testing;

import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.history.HistorySlice;
import dev.realtimehub.core.spi.Broker;
import dev.realtimehub.core.spi.BrokerListener;
import dev.realtimehub.core.topics.TopicConfig;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** A broker that accepts every publish and assigns seqs but never hands an event back: one that went silent. */
public final class SilentBroker implements Broker {

    private final AtomicLong seq = new AtomicLong();

    @Override
    public void start(BrokerListener listener) {
        // never called back
    }

    @Override
    public CompletableFuture<Long> publish(TopicConfig topic, Publication publication) {
        return CompletableFuture.completedFuture(seq.incrementAndGet());
    }

    @Override
    public CompletableFuture<HistorySlice> history(TopicConfig topic, long sinceSeq, long upToSeq) {
        return CompletableFuture.failedFuture(new IllegalStateException("silent broker"));
    }

    @Override
    public TopicPosition position(String topic) {
        return new TopicPosition(seq.get(), "silent");
    }

    @Override
    public int historySize(String topic) {
        return 0;
    }

    @Override
    public void close() {
    }
}
