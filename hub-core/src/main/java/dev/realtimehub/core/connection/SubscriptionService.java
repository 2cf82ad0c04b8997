package dev.realtimehub.core.connection;

import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.delivery.Frame;
import dev.realtimehub.core.delivery.TopicDispatcher;
import dev.realtimehub.core.history.HistorySlice;
import dev.realtimehub.core.protocol.Replies;
import dev.realtimehub.core.spi.Broker;
import dev.realtimehub.core.topics.TopicCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes and unsubscribes connections, and recovers what a returning client missed.
 *
 * <p>Recovery: the connection joins the topic's subscribers first and holds back the live frames that arrive; the broker's
 * history from {@code since} up to what the topic had handed to lanes at that moment is written next, then the held-back
 * frames it does not cover. Every live frame carries a higher seq than that moment (see {@link TopicDispatcher}), so the
 * client gets every event once, in order. Methods run on the connection's lane; history may complete on another thread
 * and hops back.
 */
public final class SubscriptionService {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionService.class);

    private final TopicCatalog catalog;
    private final TopicDispatcher[] dispatchers;
    private final Broker broker;

    /** A service over {@code dispatchers} (indexed like {@code catalog}) and {@code broker}. */
    public SubscriptionService(TopicCatalog catalog, TopicDispatcher[] dispatchers, Broker broker) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.dispatchers = dispatchers.clone();
        this.broker = Objects.requireNonNull(broker, "broker");
    }

    /**
     * Subscribes {@code connection} to {@code topic} and replies; with {@code since}, replays what it missed.
     *
     * @param since the last seq the client saw, or {@code null} for no recovery
     * @param epoch the epoch that seq belongs to, or {@code null} to take the current one on trust
     */
    public void subscribe(Connection connection, String topic, Long since, String epoch) {
        int index = catalog.indexOf(topic);
        if (index < 0) {
            connection.send(Replies.subscriptionRefused(topic, topic == null ? "Missing topic" : "Unknown topic: " + topic));
            return;
        }
        TopicDispatcher dispatcher = dispatchers[index];
        SubscriptionState state = connection.addSubscription(index);
        if (since == null) {
            long delivered = dispatcher.subscribe(connection, connection.outbox());
            if (!state.recovering()) {
                state.lastSeq = Math.max(state.lastSeq, delivered);
            }
            connection.send(Replies.subscribed(topic, delivered, broker.position(topic).epoch(), null));
            return;
        }
        if (state.recovering()) {
            connection.send(Replies.error("Recovery of " + topic + " already in progress"));
            return;
        }
        state.startRecovery(Math.max(0, since));
        long delivered = dispatcher.subscribe(connection, connection.outbox());
        Broker.TopicPosition position = broker.position(topic);
        boolean sameEpoch = epoch == null || epoch.equals(position.epoch());
        if (!sameEpoch || since < 0 || since > position.seq()) {
            state.lastSeq = delivered;
            connection.send(Replies.subscribed(topic, delivered, position.epoch(), false));
            connection.finishRecovery(state, List.of());
            return;
        }
        broker.history(dispatcher.config(), since, delivered).whenComplete((slice, failure) -> {
            Runnable finish = () -> replay(connection, index, state, topic, delivered, position.epoch(), slice, failure);
            if (connection.session().lane().inLane()) {
                finish.run();
            } else {
                connection.session().lane().execute(finish);
            }
        });
    }

    private void replay(Connection connection, int index, SubscriptionState state, String topic, long delivered,
                        String epoch, HistorySlice slice, Throwable failure) {
        if (connection.subscription(index) != state) {
            return; // unsubscribed or closed meanwhile
        }
        if (failure != null) {
            LOG.warn("history of {} unavailable for recovery: {}", topic, failure.toString());
        }
        boolean recovered = failure == null && slice.complete();
        List<Frame> frames = new ArrayList<>();
        if (recovered) {
            for (Event event : slice.events()) {
                String target = event.userId();
                if (target == null || target.equals(connection.userId())) {
                    frames.add(event.frame());
                }
            }
        } else {
            state.lastSeq = delivered;
        }
        connection.send(Replies.subscribed(topic, delivered, epoch, recovered));
        connection.finishRecovery(state, frames);
    }

    /** Unsubscribes {@code connection} from {@code topic} and replies. */
    public void unsubscribe(Connection connection, String topic) {
        int index = catalog.indexOf(topic);
        if (index < 0) {
            connection.send(Replies.unsubscribed(topic, false, topic == null ? "Missing topic" : "Unknown topic: " + topic));
            return;
        }
        leave(connection, index);
        connection.send(Replies.unsubscribed(topic, true, null));
    }

    /** Subscribes without a reply (the default subscription of a new connection). */
    public void subscribeSilently(Connection connection, String topic) {
        int index = catalog.indexOf(topic);
        if (index >= 0) {
            SubscriptionState state = connection.addSubscription(index);
            state.lastSeq = Math.max(state.lastSeq, dispatchers[index].subscribe(connection, connection.outbox()));
        }
    }

    /** Removes {@code connection} from every topic (when it closes). */
    public void leaveAll(Connection connection) {
        for (int i = 0; i < dispatchers.length; i++) {
            if (connection.isSubscribed(i)) {
                leave(connection, i);
            }
        }
    }

    private void leave(Connection connection, int index) {
        connection.removeSubscription(index);
        dispatchers[index].unsubscribe(connection, connection.outbox());
    }
}
