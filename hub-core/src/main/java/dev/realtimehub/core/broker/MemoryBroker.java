package dev.realtimehub.core.broker;

import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.api.Setting;
import dev.realtimehub.core.history.HistorySlice;
import dev.realtimehub.core.history.KeyedHistory;
import dev.realtimehub.core.history.RingHistory;
import dev.realtimehub.core.history.TopicHistory;
import dev.realtimehub.core.util.Ids;
import dev.realtimehub.core.spi.Broker;
import dev.realtimehub.core.spi.BrokerListener;
import dev.realtimehub.core.spi.Clock;
import dev.realtimehub.core.topics.DeliveryPolicy;
import dev.realtimehub.core.topics.TopicConfig;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker of a single hub process: seq numbers and history in memory, a fresh epoch per topic on every start.
 *
 * <p>Thread-safe. Each topic has its own lock; seq assignment, history append and the listener call happen under it, so
 * the listener sees each topic's events in seq order. Futures are complete when a method returns.
 */
public final class MemoryBroker implements Broker {

    /** How long a publication {@code id} is remembered, so a retried publish is answered with its first seq. */
    public static final Setting<Long> IDEMPOTENCY_MS =
            Setting.ofLong("publish.idempotency-ms", 600_000, 1000, 86_400_000);


    private static final Logger LOG = LoggerFactory.getLogger(MemoryBroker.class);

    private final Clock clock;
    private final long idempotencyMs;
    private final ConcurrentHashMap<String, TopicLog> logs = new ConcurrentHashMap<>();
    /** Epochs are fixed per topic for the broker's lifetime, even before the topic's first event. */
    private final ConcurrentHashMap<String, String> epochs = new ConcurrentHashMap<>();
    private volatile BrokerListener listener;

    /** A broker stamping events with {@code clock}, remembering publication ids for ten minutes. */
    public MemoryBroker(Clock clock) {
        this(clock, IDEMPOTENCY_MS.defaultValue());
    }

    /** A broker stamping events with {@code clock}, remembering publication ids for {@code idempotencyMs}. */
    public MemoryBroker(Clock clock, long idempotencyMs) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.idempotencyMs = IDEMPOTENCY_MS.check(idempotencyMs);
    }

    @Override
    public void start(BrokerListener newListener) {
        if (this.listener != null) {
            throw new IllegalStateException("MemoryBroker already started");
        }
        this.listener = Objects.requireNonNull(newListener, "listener");
    }

    @Override
    public CompletableFuture<Long> publish(TopicConfig topic, Publication publication) {
        BrokerListener target = listener;
        if (target == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("MemoryBroker not started"));
        }
        TopicLog log = log(topic);
        Event event;
        synchronized (log) {
            long now = clock.millis();
            String id = publication.id();
            if (id != null) {
                Long prior = log.acceptedIds.seqOf(id, now);
                if (prior != null) {
                    return CompletableFuture.completedFuture(prior);
                }
            }
            event = Event.accept(topic.name(), log.seq + 1, now, publication);
            log.seq = event.seq();
            log.history.append(event);
            if (id != null) {
                log.acceptedIds.remember(id, event.seq(), now);
            }
            try {
                target.onEvent(event);
            } catch (RuntimeException e) {
                LOG.error("delivery of {} failed", event, e);
            }
        }
        return CompletableFuture.completedFuture(event.seq());
    }

    @Override
    public CompletableFuture<HistorySlice> history(TopicConfig topic, long sinceSeq, long upToSeq) {
        TopicLog log = log(topic);
        synchronized (log) {
            return CompletableFuture.completedFuture(log.history.slice(sinceSeq, upToSeq).at(log.seq, log.epoch));
        }
    }

    @Override
    public TopicPosition position(String topic) {
        TopicLog log = logs.get(topic);
        if (log == null) {
            return new TopicPosition(0, epochOf(topic));
        }
        synchronized (log) {
            return new TopicPosition(log.seq, log.epoch);
        }
    }

    @Override
    public int historySize(String topic) {
        TopicLog log = logs.get(topic);
        if (log == null) {
            return 0;
        }
        synchronized (log) {
            return log.history.size();
        }
    }

    @Override
    public void forget(String topic) {
        // a publish racing with this gets the log it already holds, or a fresh one under a new epoch
        epochs.remove(topic);
        logs.remove(topic);
    }

    private String epochOf(String topic) {
        return epochs.computeIfAbsent(topic, t -> Ids.epoch());
    }

    private TopicLog log(TopicConfig topic) {
        return logs.computeIfAbsent(topic.name(),
                name -> new TopicLog(epochOf(name), newHistory(topic), new AcceptedIds(idempotencyMs)));
    }

    private static TopicHistory newHistory(TopicConfig topic) {
        return topic.policy() == DeliveryPolicy.CONFLATE
                ? new KeyedHistory(topic.conflateKey(), topic.history())
                : new RingHistory(topic.history());
    }

    @Override
    public void close() {
        // nothing to release: history lives and dies with the process
    }

    /** One topic's seq, epoch and history; guarded by its own monitor. */
    private static final class TopicLog {
        final String epoch;
        final TopicHistory history;
        final AcceptedIds acceptedIds;
        long seq;

        TopicLog(String epoch, TopicHistory history, AcceptedIds acceptedIds) {
            this.epoch = epoch;
            this.history = history;
            this.acceptedIds = acceptedIds;
        }
    }
}
