package dev.realtimehub.server.testing;

import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.history.HistorySlice;
import dev.realtimehub.core.spi.Broker;
import dev.realtimehub.core.spi.BrokerListener;
import dev.realtimehub.core.topics.TopicConfig;
import java.util.concurrent.CompletableFuture;

/** A broker that is down, as Redis is when it cannot be reached: every publish and history read fails. */
public final class DownBroker implements Broker {

    @Override
    public void start(BrokerListener listener) {
        // nothing ever arrives
    }

    @Override
    public CompletableFuture<Long> publish(TopicConfig topic, Publication publication) {
        return CompletableFuture.failedFuture(new IllegalStateException("broker down"));
    }

    @Override
    public CompletableFuture<HistorySlice> history(TopicConfig topic, long sinceSeq, long upToSeq) {
        return CompletableFuture.failedFuture(new IllegalStateException("broker down"));
    }

    @Override
    public TopicPosition position(String topic) {
        return new TopicPosition(0, "down");
    }

    @Override
    public int historySize(String topic) {
        return 0;
    }

    @Override
    public void close() {
    }
}
