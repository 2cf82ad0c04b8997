package dev.realtimehub.redis;

import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.history.HistorySlice;
import dev.realtimehub.core.util.Ids;
import dev.realtimehub.core.spi.Broker;
import dev.realtimehub.core.spi.BrokerListener;
import dev.realtimehub.core.spi.Clock;
import dev.realtimehub.core.topics.ConflationKey;
import dev.realtimehub.core.topics.DeliveryPolicy;
import dev.realtimehub.core.topics.TopicConfig;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker of a hub that runs as several nodes: Redis assigns every topic's seq, keeps its history (a capped stream,
 * or the latest event per key) and carries each accepted event to every node over one pub/sub channel per topic. One
 * Lua script accepts an event atomically (epoch, idempotency, seq, history, publish), so seq and epoch are global and
 * history is shared: a client recovers on any node.
 *
 * <p>Thread-safe. Publishing and history never block (Lettuce futures); commands fail at once while Redis is down
 * (publishes then answer 503 upstream); the node reconnects by itself and repairs what pub/sub lost from history.
 */
public final class RedisBroker implements Broker {

    private static final Logger LOG = LoggerFactory.getLogger(RedisBroker.class);

    private final RedisSettings settings;
    private final Clock clock;
    private final Map<String, TopicConfig> topics = new LinkedHashMap<>();
    /** Topics' feeds from the start; channels' feeds come and go while running. Any thread. */
    private final Map<String, TopicFeed> feeds = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, TopicFeed> feedsByChannel = new java.util.concurrent.ConcurrentHashMap<>();
    private BrokerListener listener;
    private ScriptRunner positionScript;
    private final Map<String, AtomicLong> historySizes = new LinkedHashMap<>();
    private RedisClient client;
    private StatefulRedisConnection<String, String> commands;
    private StatefulRedisPubSubConnection<String, String> pubsub;
    private ScriptRunner publishScript;
    private ScriptRunner historyScript;
    /** Recovery reads of one topic asked together go to Redis as one. */
    private final HistoryReads historyReads = new HistoryReads(this::readHistory);
    private final RedisHealth health = new RedisHealth();
    private final ChannelExpiry expiry;
    private final RedisNodeReports nodeReports;

    /** A broker for {@code topics} (every topic the hub serves), not yet connected. */
    public RedisBroker(RedisSettings settings, Collection<TopicConfig> topics, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.expiry = new ChannelExpiry(settings.channelTtlMs());
        this.nodeReports = new RedisNodeReports(settings.keyPrefix());
        for (TopicConfig topic : topics) {
            this.topics.put(topic.name(), topic);
            historySizes.put(topic.name(), new AtomicLong());
        }
    }

    /**
     * Connects, reads where every topic stands and subscribes to every topic's channel.
     *
     * @throws IllegalStateException when Redis cannot be reached (unless {@code redis.wait-at-start})
     */
    @Override
    public void start(BrokerListener listener) {
        client = RedisClient.create(RedisURI.create(settings.uri()));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofMillis(settings.commandTimeoutMs())))
                .build());
        client.addListener(health);
        commands = StartupConnect.connect(settings, () -> client.connect());
        publishScript = new ScriptRunner(commands.async(), RedisScripts.PUBLISH);
        historyScript = new ScriptRunner(commands.async(), RedisScripts.HISTORY);
        this.listener = listener;
        positionScript = new ScriptRunner(commands.async(), RedisScripts.POSITION);
        for (TopicConfig topic : topics.values()) {
            RedisKeys keys = RedisKeys.of(settings.keyPrefix(), topic.name());
            TopicFeed feed = new TopicFeed(topic, keys, listener, this::readForRepair);
            String epochCandidate = Ids.epoch();
            List<Object> position = await(() -> positionScript.run(keys.scriptKeys(), epochCandidate,
                    expiry.ttlArgument(topic.name())));
            feed.startAt(seqOf(position.get(0)), (String) position.get(1));
            feed.opened.complete(null);
            feeds.put(topic.name(), feed);
            feedsByChannel.put(keys.channel(), feed);
        }
        pubsub = StartupConnect.connect(settings, () -> client.connectPubSub());
        pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                onMessage(channel, message);
            }
        });
        await(() -> pubsub.async().subscribe(feedsByChannel.keySet().toArray(String[]::new)).toCompletableFuture());
        health.onReconnect(() -> feeds.values().forEach(TopicFeed::catchUp));
        expiry.start(client.getResources().eventExecutorGroup(), new ScriptRunner(commands.async(), RedisScripts.TOUCH),
                feeds::values);
        LOG.info("Redis broker connected to {} (key prefix '{}', {} topics)", RedisURI.create(settings.uri()).toString()
                .replaceAll("//[^@/]*@", "//***@"), settings.keyPrefix(), feeds.size());
    }

    /** A command the start needs, sent again while Redis restarts if {@code redis.wait-at-start}. */
    private <T> T await(Supplier<CompletableFuture<T>> command) {
        return StartupConnect.command(settings, command, settings.commandTimeoutMs() * 5);
    }

    private void onMessage(String channel, String message) {
        TopicFeed feed = feedsByChannel.get(channel);
        if (feed == null) {
            return;
        }
        int first = message.indexOf('\n');
        int second = message.indexOf('\n', first + 1);
        if (first < 0 || second < 0) {
            LOG.warn("ignoring a malformed message on {}", channel);
            return;
        }
        String epoch = message.substring(0, first);
        Boolean throttle = switch (message.charAt(first + 1)) {
            case '1' -> Boolean.TRUE;
            case '0' -> Boolean.FALSE;
            default -> null;
        };
        try {
            Event event = Event.decode(message.substring(second + 1).getBytes(StandardCharsets.UTF_8), throttle);
            feed.onMessage(epoch, event);
        } catch (RuntimeException e) {
            LOG.warn("ignoring an event on {} that cannot be read: {}", channel, e.getMessage());
        }
    }

    /**
     * Opens channel {@code name} on this node: its feed holds back messages until the pub/sub subscription is in place
     * and the channel's position is read, so that every event after that position reaches the listener.
     */
    @Override
    public CompletableFuture<Void> open(String name) {
        TopicFeed existing = feeds.get(name);
        if (existing != null) {
            return existing.opened;
        }
        int colon = name.indexOf(':');
        TopicConfig namespace = colon < 0 ? null : topics.get(name.substring(0, colon));
        if (namespace == null || !namespace.channels() || pubsub == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("unknown channel " + name));
        }
        RedisKeys keys = RedisKeys.of(settings.keyPrefix(), name);
        TopicFeed feed = new TopicFeed(namespace.forChannel(name), keys, listener, this::readForRepair);
        feed.startLater();
        TopicFeed raced = feeds.putIfAbsent(name, feed);
        if (raced != null) {
            return raced.opened;
        }
        feedsByChannel.put(keys.channel(), feed);
        pubsub.async().subscribe(keys.channel()).toCompletableFuture()
                .thenCompose(subscribed -> positionScript.run(keys.scriptKeys(), Ids.epoch(), expiry.ttlArgument(name)))
                .whenComplete((position, failure) -> {
                    if (failure != null) {
                        feeds.remove(name, feed);
                        feedsByChannel.remove(keys.channel(), feed);
                        feed.opened.completeExceptionally(failure);
                    } else {
                        feed.started(seqOf(position.get(0)), (String) position.get(1));
                        feed.opened.complete(null);
                    }
                });
        return feed.opened;
    }

    /**
     * Stops listening to a channel this node dropped; its keys stay in Redis for the other nodes, and expire once no
     * node refreshes them ({@link ChannelExpiry}).
     */
    @Override
    public void unsubscribe(String name) {
        TopicFeed feed = name.indexOf(':') < 0 ? null : feeds.remove(name);
        if (feed != null && pubsub != null) {
            feedsByChannel.remove(feed.keys().channel(), feed);
            pubsub.async().unsubscribe(feed.keys().channel());
        }
    }

    @Override
    public CompletableFuture<Long> publish(TopicConfig topic, Publication publication) {
        TopicFeed feed = feeds.get(topic.name());
        if (feed == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("unknown topic " + topic.name()));
        }
        RedisKeys keys = feed.keys();
        String[] template = Event.template(topic.name(), clock.millis(), publication);
        boolean state = topic.policy() == DeliveryPolicy.CONFLATE;
        String id = publication.id();
        String[] scriptKeys = {keys.seq(), keys.epoch(), keys.history(), keys.order(), keys.evicted(),
            keys.idPrefix() + (id == null ? "" : id)};
        String throttle = publication.throttle() == null ? "-" : publication.throttle() ? "1" : "0";
        // what this node saw: Redis must not be behind it in the same epoch (publish.lua starts a new one if it is)
        TopicFeed.Known known = feed.known();
        String idSeconds = id == null ? "0" : expiry.idSeconds(topic.name(), settings.idempotencyMs());
        return publishScript.run(scriptKeys, Ids.epoch(), template[0], template[1], String.valueOf(topic.history()),
                        state ? "state" : "stream",
                        state ? ConflationKey.of(topic.conflateKey(), publication.type(), publication.fields()) : "",
                        throttle, keys.channel(), idSeconds,
                        known.epoch(), String.valueOf(known.seq()), expiry.ttlArgument(topic.name()))
                .handle((reply, failure) -> {
                    if (failure != null) {
                        throw PublishFailures.classify(failure);
                    }
                    long seq = seqOf(reply.get(0));
                    feed.acknowledged(seq, (String) reply.get(1));
                    return seq;
                });
    }

    @Override
    public CompletableFuture<HistorySlice> history(TopicConfig topic, long sinceSeq, long upToSeq) {
        TopicFeed feed = feeds.get(topic.name());
        if (feed == null && topic.name().indexOf(':') > 0) {
            // a channel this node does not listen to: its history is read all the same
            feed = new TopicFeed(topic, RedisKeys.of(settings.keyPrefix(), topic.name()), listener, this::readForRepair);
        }
        if (feed == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("unknown topic " + topic.name()));
        }
        return historyReads.read(feed, sinceSeq, upToSeq).thenApply(read -> {
            boolean state = topic.policy() == DeliveryPolicy.CONFLATE;
            boolean complete = state
                    ? sinceSeq >= read.evicted()
                    : read.upTo() <= sinceSeq || (!read.events().isEmpty() && read.events().get(0).seq() == sinceSeq + 1);
            return new HistorySlice(read.events(), complete, read.head(), read.epoch());
        });
    }

    private CompletableFuture<HistoryRead> readHistory(TopicFeed feed, long since, long upTo) {
        boolean state = feed.topic().policy() == DeliveryPolicy.CONFLATE;
        // bounds go as decimal strings ('+' for the head), never as Lua numbers: see history.lua
        return historyScript.run(feed.keys().scriptKeys(), String.valueOf(Math.max(0, since)),
                upTo < 0 ? "+" : String.valueOf(upTo), state ? "state" : "stream",
                expiry.ttlArgument(feed.topic().name())).thenApply(reply -> {
                    long head = seqOf(reply.get(0));
                    String epoch = reply.get(1) instanceof String text ? text : null;
                    long evicted = (Long) reply.get(2);
                    List<Event> events = new ArrayList<>(reply.size() - 3);
                    for (int i = 3; i < reply.size(); i++) {
                        events.add(Event.decode(((String) reply.get(i)).getBytes(StandardCharsets.UTF_8), null));
                    }
                    if (state) {
                        events.sort((a, b) -> Long.compare(a.seq(), b.seq()));
                    }
                    return new HistoryRead(head, epoch, evicted, upTo < 0 ? head : Math.min(upTo, head), events);
                });
    }

    /** A seq from a script's reply: the decimal string Redis keeps (a Lua number would be a rounded double). */
    private static long seqOf(Object reply) {
        return Long.parseLong((String) reply);
    }

    private void readForRepair(TopicFeed feed, long since, long upTo) {
        readHistory(feed, since, upTo).whenComplete((read, failure) -> {
            if (failure != null) {
                LOG.debug("repair of {} failed: {}", feed.topic().name(), failure.toString());
                feed.repairFailed();
            } else {
                feed.repaired(read.epoch(), read.head(), read.events());
            }
        });
    }

    @Override
    public TopicPosition position(String topic) {
        TopicFeed feed = feeds.get(topic);
        String epoch = feed == null ? null : feed.epoch();
        return feed == null || epoch == null ? new TopicPosition(0, "") : new TopicPosition(feed.lastSeq(), epoch);
    }

    @Override
    public int historySize(String topic) {
        AtomicLong size = historySizes.get(topic);
        TopicFeed feed = feeds.get(topic);
        if (size == null || feed == null || commands == null) {
            return 0;
        }
        // refreshed in the background; the figure is the last one read
        var async = commands.async();
        CompletableFuture<Long> count = feed.topic().policy() == DeliveryPolicy.CONFLATE
                ? async.zcard(feed.keys().order()).toCompletableFuture()
                : async.xlen(feed.keys().history()).toCompletableFuture();
        count.thenAccept(size::set);
        return (int) size.get();
    }

    @Override
    public void reportNode(String nodeId, Map<String, Object> figures) {
        if (commands != null) {
            nodeReports.report(commands.async(), nodeId, figures);
        }
    }

    @Override
    public CompletableFuture<Map<String, Map<String, Object>>> nodes() {
        return commands == null ? CompletableFuture.completedFuture(Map.of())
                : nodeReports.live(commands.async(), clock.millis());
    }

    /** Closes the connections (a hub shutting down, not a Redis outage: said once, at INFO). */
    @Override
    public void close() {
        health.closing();
        expiry.stop();
        if (pubsub != null) {
            pubsub.close();
        }
        if (commands != null) {
            commands.close();
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            LOG.info("Redis connection closed: hub shutting down");
        }
    }
}
