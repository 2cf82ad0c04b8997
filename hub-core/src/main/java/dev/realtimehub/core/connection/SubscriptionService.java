package dev.realtimehub.core.connection;

import static dev.realtimehub.core.api.HubLogMarkers.DELIVERY_PATH;

import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.api.Frame;
import dev.realtimehub.core.delivery.ChannelRegistry;
import dev.realtimehub.core.topics.SubscriberFilter;
import dev.realtimehub.core.delivery.TopicDispatcher;
import dev.realtimehub.core.delivery.TopicLookup;
import dev.realtimehub.core.topics.ChannelName;
import dev.realtimehub.core.history.HistorySlice;
import dev.realtimehub.core.presence.tracking.PresenceRegistry;
import dev.realtimehub.core.wire.Replies;
import dev.realtimehub.core.spi.Broker;
import dev.realtimehub.core.topics.DeliveryPolicy;
import dev.realtimehub.core.topics.TopicCatalog;
import dev.realtimehub.core.topics.TopicConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private final ChannelRegistry topics;
    private final Broker broker;
    private final int maxSubscriptions;
    /** Told of every subscription that starts or ends (presence, issue 18). */
    private final PresenceRegistry presence;
    private final RecoveryCounters recoveries = new RecoveryCounters();
    /** Whether history reads are failing: only the first failure of an outage is logged above DEBUG. */
    private final AtomicBoolean historyFailing = new AtomicBoolean();

    /**
     * A service over {@code topics} (the catalog's topics and their channels) and {@code broker}, telling
     * {@code presence} of every subscription that starts or ends.
     */
    public SubscriptionService(TopicCatalog catalog, ChannelRegistry topics, Broker broker, int maxSubscriptions,
                               PresenceRegistry presence) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.broker = Objects.requireNonNull(broker, "broker");
        this.maxSubscriptions = maxSubscriptions;
        this.presence = Objects.requireNonNull(presence, "presence");
    }

    /** How recoveries ended, by outcome. */
    public RecoveryCounters recoveries() {
        return recoveries;
    }

    /** The topics {@code connection} may subscribe to, in catalog order. */
    public List<String> availableTopics(Connection connection) {
        List<String> names = new ArrayList<>();
        for (TopicConfig topic : catalog.all()) {
            if (topic.permits(connection.identity().roles())) {
                names.add(topic.name());
            }
        }
        return names;
    }

    /** Subscribes without a filter; see {@link #subscribe(Connection, String, Long, String, SubscriberFilter)}. */
    public void subscribe(Connection connection, String topic, Long since, String epoch) {
        subscribe(connection, topic, since, epoch, null);
    }

    /**
     * Subscribes {@code connection} to {@code topic} (a topic or a channel {@code ns:key}) and replies; with
     * {@code since}, replays what it missed (only what {@code filter} passes). Subscribing again replaces the filter.
     *
     * @param since the last seq the client saw, or {@code null} for no recovery
     * @param epoch the epoch that seq belongs to, or {@code null} to take the current one on trust
     * @param filter which events to deliver, or {@code null} for all
     */
    public void subscribe(Connection connection, String topic, Long since, String epoch, SubscriberFilter filter) {
        if (topic == null) {
            connection.send(Replies.subscriptionRefused(null, "Missing topic"));
            return;
        }
        String refusal = refusal(connection, topic);
        if (refusal != null) {
            connection.send(Replies.subscriptionRefused(topic, refusal));
            return;
        }
        TopicLookup existing = topics.resolve(topic, false);
        boolean subscribed = existing.ok() && connection.isSubscribed(existing.dispatcher().index());
        if (!subscribed && connection.subscriptionCount() >= maxSubscriptions) {
            connection.send(Replies.subscriptionRefused(topic,
                    "Too many subscriptions: at most " + maxSubscriptions + " per connection"));
            return;
        }
        TopicLookup lookup = existing.ok() ? existing : topics.resolve(topic, true);
        if (!lookup.ok()) {
            connection.send(Replies.subscriptionRefused(topic, lookup.error()));
            return;
        }
        TopicDispatcher dispatcher = lookup.dispatcher();
        int index = dispatcher.index();
        SubscriptionState state = connection.addSubscription(dispatcher, lookup.namespaceIndex());
        SubscriberFilter previous = state.filter;
        state.filter = filter;
        if (!subscribed) {
            presence.joined(topic, new ConnectionPresence(connection, index));
        }
        if (lookup.isChannel()) {
            subscribeChannel(connection, lookup, state, previous, since, epoch);
            return;
        }
        if (since == null) {
            long delivered = dispatcher.subscribe(connection, connection.outbox(), filter, previous);
            if (!state.recovering()) {
                state.lastSeq = Math.max(state.lastSeq, delivered);
            }
            connection.send(Replies.subscribed(topic, delivered, broker.position(topic).epoch(), null));
            return;
        }
        if (state.recovering()) {
            state.filter = previous;
            connection.send(Replies.error("Recovery of " + topic + " already in progress"));
            return;
        }
        state.startRecovery(Math.max(0, since));
        long delivered = dispatcher.subscribe(connection, connection.outbox(), filter, previous);
        broker.history(dispatcher.config(), since, delivered).whenComplete((slice, failure) -> onLane(connection,
                () -> replay(connection, index, state, topic, since, epoch, delivered, slice, failure)));
    }

    /**
     * A channel may have just been opened on this node, and its broker may not have told it where the channel stands
     * yet: the subscription holds back live frames until the broker delivers the channel's events here, then reads the
     * head (and with {@code since}, what was missed) from history, so that the reply's seq is the channel's real one and
     * nothing falls between history and the live stream (held-back frames above the head follow).
     */
    private void subscribeChannel(Connection connection, TopicLookup lookup, SubscriptionState state,
                                  SubscriberFilter previous, Long since, String epoch) {
        TopicDispatcher dispatcher = lookup.dispatcher();
        int index = dispatcher.index();
        String topic = dispatcher.config().name();
        if (state.recovering()) {
            state.filter = previous;
            connection.send(Replies.error("Recovery of " + topic + " already in progress"));
            return;
        }
        state.startRecovery(since == null ? state.lastSeq : Math.max(0, since));
        dispatcher.subscribe(connection, connection.outbox(), state.filter, previous);
        long from = since == null ? Long.MAX_VALUE : since; // no since: only the head and the epoch
        lookup.ready().thenCompose(ready -> broker.history(dispatcher.config(), from, Long.MAX_VALUE))
                .whenComplete((slice, failure) -> onLane(connection, () -> {
                    if (connection.subscription(index) != state) {
                        return;
                    }
                    if (since != null) {
                        long head = slice == null ? 0 : slice.headSeq();
                        replay(connection, index, state, topic, since, epoch, head, slice, failure);
                    } else if (failure != null) {
                        leave(connection, state);
                        connection.send(Replies.subscriptionRefused(topic, "Channel unavailable: history cannot be"
                                + " read now"));
                    } else {
                        state.lastSeq = Math.max(state.lastSeq, slice.headSeq());
                        connection.send(Replies.subscribed(topic, slice.headSeq(), slice.epoch(), null));
                        connection.finishRecovery(index, state, List.of());
                    }
                }));
    }

    /**
     * Why {@code connection} may not subscribe to {@code topic}, or {@code null}: an unknown topic or namespace, a bad
     * channel key, missing roles, or (under {@code user-key}) a channel key that is not the user's id.
     */
    private String refusal(Connection connection, String topic) {
        String unknown = catalog.refusal(topic);
        if (unknown != null) {
            return unknown;
        }
        int index = catalog.indexOf(topic);
        if (index < 0) {
            index = catalog.namespaceOf(topic);
            ChannelName channel = ChannelName.parse(topic);
            if (catalog.get(index).userKey() && !channel.key().equals(connection.userId())) {
                return "forbidden: channels of " + channel.namespace() + " are personal (user-key): only "
                        + channel.namespace() + ":<your user id> may be subscribed";
            }
        }
        return catalog.get(index).permits(connection.identity().roles()) ? null : "forbidden";
    }

    /**
     * Answers a recovery once history is read: recovered when the client's epoch is the topic's, its seq is not ahead of
     * the topic, and history still reaches back to it. Not recovered, the reply's seq is where live frames resume:
     * this node's position, or the client's {@code since} when history could not be read and the node is behind it.
     */
    private void replay(Connection connection, int index, SubscriptionState state, String topic, long since,
                        String clientEpoch, long delivered, HistorySlice slice, Throwable failure) {
        if (connection.subscription(index) != state) {
            return; // unsubscribed or closed meanwhile
        }
        String epoch = failure == null && slice.epoch() != null ? slice.epoch() : broker.position(topic).epoch();
        if (failure != null) {
            // one line per outage, not one per reconnecting client
            if (historyFailing.compareAndSet(false, true)) {
                LOG.warn(DELIVERY_PATH, "history of {} unavailable for recovery: {} (further failures at DEBUG until"
                        + " history is readable again)", topic, failure.toString());
            } else if (LOG.isDebugEnabled()) {
                LOG.debug(DELIVERY_PATH, "history of {} unavailable for recovery: {}", topic, failure.toString());
            }
        } else if (historyFailing.compareAndSet(true, false)) {
            LOG.info(DELIVERY_PATH, "history is readable again: recoveries work");
        }
        boolean sameEpoch = clientEpoch == null || clientEpoch.equals(epoch);
        boolean inRange = since <= Math.max(slice == null ? 0 : slice.headSeq(), delivered);
        boolean recovered = failure == null && sameEpoch && inRange && slice.complete();
        recoveries.count(recovered ? RecoveryOutcome.RECOVERED
                : failure != null ? RecoveryOutcome.FAILED
                : !sameEpoch ? RecoveryOutcome.EPOCH_CHANGED
                : !inRange ? RecoveryOutcome.OUT_OF_RANGE : RecoveryOutcome.HISTORY_GONE);
        // a node behind its client (restarted while Redis was away, its feed still catching up) that cannot read
        // history keeps the client's own position: what it would send next up to since, the client has or was told
        // it missed, and sending it again would hand a client that trusts the reply's seq duplicates
        boolean behindClient = failure != null && clientEpoch != null && sameEpoch && since > delivered;
        long position = behindClient ? since : delivered;
        if (!recovered) {
            state.lastSeq = position;
        }
        connection.send(Replies.subscribed(topic, position, epoch, recovered));
        connection.finishRecovery(index, state, recovered ? visibleFrames(connection, state, slice) : List.of());
    }

    /**
     * Ends a congestion once the transport says the queue drained: a conflate topic is brought up to date from its
     * current state (the latest event per key); any other topic gets a {@code gap} frame with the skipped range, from
     * which the client recovers with {@code since}.
     */
    public void resume(Connection connection) {
        if (!connection.isCongested()) {
            return;
        }
        connection.clearCongested();
        for (SubscriptionState state : connection.subscriptionStates()) {
            if (!state.skipping()) {
                continue;
            }
            int index = state.dispatcher.index();
            long from = state.skippedFrom;
            long to = state.skippedTo;
            state.skippedFrom = 0;
            state.skippedTo = 0;
            TopicDispatcher dispatcher = state.dispatcher;
            if (dispatcher.config().policy() == DeliveryPolicy.CONFLATE && !state.recovering()) {
                catchUp(connection, index, state, dispatcher);
            } else {
                connection.send(Replies.gap(dispatcher.config().name(), from, to));
            }
        }
    }

    private void catchUp(Connection connection, int index, SubscriptionState state, TopicDispatcher dispatcher) {
        long since = state.lastSeq;
        state.startRecovery(since);
        long delivered = dispatcher.subscribe(connection, connection.outbox(), state.filter, state.filter);
        broker.history(dispatcher.config(), since, delivered).whenComplete((slice, failure) -> onLane(connection, () -> {
            if (connection.subscription(index) == state) {
                connection.finishRecovery(index, state,
                        failure == null ? visibleFrames(connection, state, slice) : List.of());
            }
        }));
    }

    /**
     * The frames of {@code slice} this subscription may see: broadcast ones and those meant for its user, that its
     * filter passes.
     */
    private static List<Frame> visibleFrames(Connection connection, SubscriptionState state, HistorySlice slice) {
        List<Frame> frames = new ArrayList<>(slice.events().size());
        for (Event event : slice.events()) {
            String target = event.userId();
            if ((target == null || target.equals(connection.userId()))
                    && (state.filter == null || state.filter.matches(event))) {
                frames.add(event.frame());
            }
        }
        return frames;
    }

    /** Runs {@code task} on the connection's lane: now if already there (a memory broker answers at once). */
    private static void onLane(Connection connection, Runnable task) {
        if (connection.session().lane().inLane()) {
            task.run();
        } else {
            connection.session().lane().execute(task);
        }
    }

    /** Unsubscribes {@code connection} from {@code topic} (a topic or a channel) and replies. */
    public void unsubscribe(Connection connection, String topic) {
        if (topic == null) {
            connection.send(Replies.unsubscribed(null, false, "Missing topic"));
            return;
        }
        TopicLookup lookup = topics.resolve(topic, false);
        String unknown = catalog.refusal(topic);
        if (unknown != null) {
            connection.send(Replies.unsubscribed(topic, false, unknown));
            return;
        }
        if (lookup.ok()) {
            leave(connection, connection.subscription(lookup.dispatcher().index()));
            if (lookup.isChannel()) {
                topics.touch(topic); // its idle time starts when the last subscriber goes
            }
        }
        connection.send(Replies.unsubscribed(topic, true, null));
    }

    /** Subscribes without a reply (the default subscription of a new connection). */
    public void subscribeSilently(Connection connection, String topic) {
        int index = catalog.indexOf(topic);
        if (index >= 0 && catalog.get(index).permits(connection.identity().roles())) {
            TopicDispatcher dispatcher = topics.topic(index);
            boolean fresh = !connection.isSubscribed(index);
            SubscriptionState state = connection.addSubscription(dispatcher, index);
            state.lastSeq = Math.max(state.lastSeq, dispatcher.subscribe(connection, connection.outbox()));
            if (fresh) {
                presence.joined(topic, new ConnectionPresence(connection, index));
            }
        }
    }

    /** Removes {@code connection} from every topic and channel (when it closes). */
    public void leaveAll(Connection connection) {
        for (SubscriptionState state : connection.subscriptionStates()) {
            leave(connection, state);
            if (state.dispatcher.index() >= catalog.size()) {
                topics.touch(state.dispatcher.config().name());
            }
        }
    }

    private void leave(Connection connection, SubscriptionState state) {
        if (state == null) {
            return;
        }
        int index = state.dispatcher.index();
        boolean was = connection.removeSubscription(index);
        state.dispatcher.unsubscribe(connection, connection.outbox(), state.filter);
        if (was) {
            presence.left(state.dispatcher.config().name(), new ConnectionPresence(connection, index));
        }
    }
}
