package dev.realtimehub.core.delivery;

import dev.realtimehub.core.api.Setting;
import dev.realtimehub.core.spi.Broker;
import dev.realtimehub.core.spi.Clock;
import dev.realtimehub.core.spi.Scheduler;
import dev.realtimehub.core.topics.TopicCatalog;
import dev.realtimehub.core.topics.TopicConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;

/**
 * Every dispatcher of a hub by name: the catalog's fixed topics, and the channels ({@code ns:key} under a namespace
 * declared with {@code channels: true}) that are created on first publish or subscribe and dropped once idle.
 *
 * <p>A channel has its namespace's settings, its own seq and epoch (the broker keys them by the full name), and an index
 * past the catalog's that is never reused, so a frame still queued for a dropped channel can never reach a subscriber of
 * a newer one. Its figures count under the namespace: metrics never carry a channel's name. A channel is idle once it
 * has had no subscriber and no publish for its namespace's {@code channel-idle-ms}; an idle channel is dropped with its
 * history (nobody used it for that long) and a later subscribe starts it afresh under a new epoch.
 *
 * <p>Thread-safe: the channel map is guarded by this registry's monitor; catalog lookups need no lock.
 */
public final class ChannelRegistry {

    /** How many channels may exist on one node. */
    public static final Setting<Integer> MAX_CHANNELS = Setting.ofInt("limits.max-channels", 100_000, 1, 10_000_000);

    private final TopicCatalog catalog;
    private final TopicDispatcher[] topics;
    private final Broker broker;
    private final Clock clock;
    private final Scheduler scheduler;
    private final int maxChannels;
    private final long sweepEveryMs;
    /** Guarded by this. */
    private final Map<String, Channel> channels = new HashMap<>();
    /** Guarded by this. */
    private int nextIndex;
    /** Guarded by this. */
    private boolean closed;

    /** A registry over the catalog's {@code topics} (indexed like {@code catalog}) and its namespaces' channels. */
    public ChannelRegistry(TopicCatalog catalog, TopicDispatcher[] topics, Broker broker, Clock clock,
                           Scheduler scheduler, int maxChannels) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.topics = topics.clone();
        this.broker = Objects.requireNonNull(broker, "broker");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.maxChannels = MAX_CHANNELS.check(maxChannels);
        this.nextIndex = catalog.size();
        long shortestIdle = Long.MAX_VALUE;
        for (TopicConfig topic : catalog.all()) {
            if (topic.channels()) {
                shortestIdle = Math.min(shortestIdle, topic.channelIdleMs());
            }
        }
        // a channel goes at most a quarter of its idle time late
        this.sweepEveryMs = shortestIdle == Long.MAX_VALUE ? 0 : Math.max(250, shortestIdle / 4);
        if (sweepEveryMs > 0) {
            scheduler.schedule(this::sweepAndReschedule, sweepEveryMs);
        }
    }

    /** The catalog's topic at {@code index}. */
    public TopicDispatcher topic(int index) {
        return topics[index];
    }

    /** How many catalog topics there are. */
    public int topicCount() {
        return topics.length;
    }

    /**
     * Resolves {@code name} to a catalog topic or a channel; a channel that does not exist yet is created when
     * {@code create} is set (and refused when {@code limits.max-channels} exist), and marked used either way.
     */
    public TopicLookup resolve(String name, boolean create) {
        int index = catalog.indexOf(name);
        if (index >= 0) {
            return TopicLookup.found(topics[index], index);
        }
        String refusal = catalog.refusal(name);
        if (refusal != null) {
            return TopicLookup.refused(refusal);
        }
        int namespace = catalog.namespaceOf(name);
        TopicConfig config = catalog.get(namespace);
        TopicDispatcher dispatcher;
        Channel created;
        synchronized (this) {
            Channel existing = channels.get(name);
            if (existing != null) {
                existing.lastUsed = clock.millis();
                return TopicLookup.found(existing.dispatcher, namespace, existing.ready);
            }
            if (!create) {
                return TopicLookup.refused("No channel " + name + " on this node");
            }
            if (closed) {
                return TopicLookup.refused("hub is closed");
            }
            if (channels.size() >= maxChannels) {
                return TopicLookup.full("Too many channels: at most " + maxChannels + " per node"
                        + " (limits.max-channels); try again once idle channels are dropped");
            }
            dispatcher = new TopicDispatcher(config.forChannel(name), nextIndex++, clock, scheduler,
                    topics[namespace].stats());
            created = new Channel(dispatcher, namespace, clock.millis());
            channels.put(name, created);
        }
        dispatcher.startAt(broker.position(name).seq());
        CompletableFuture<Void> opened = broker.open(name);
        opened.whenComplete((done, failure) -> {
            if (failure == null) {
                created.ready.complete(null);
            } else {
                synchronized (this) {
                    channels.remove(name, created); // the next subscribe or publish tries again
                }
                created.ready.completeExceptionally(failure);
            }
        });
        return TopicLookup.found(dispatcher, namespace, created.ready);
    }

    /** The existing channel or topic named {@code name} without creating or touching it, or {@code null}. */
    public TopicDispatcher existing(String name) {
        int index = catalog.indexOf(name);
        if (index >= 0) {
            return topics[index];
        }
        synchronized (this) {
            Channel channel = channels.get(name);
            return channel == null ? null : channel.dispatcher;
        }
    }

    /** Marks channel {@code name} used now (a publish or an unsubscribe): its idle time starts again. */
    public void touch(String name) {
        synchronized (this) {
            Channel channel = channels.get(name);
            if (channel != null) {
                channel.lastUsed = clock.millis();
            }
        }
    }

    /** How many channels exist now. */
    public synchronized int channelCount() {
        return channels.size();
    }

    /**
     * Per namespace with channels, in catalog order: how many channels it has now and how many subscriptions they
     * hold together — what {@code /api/ws/stats} shows instead of one line per channel.
     */
    public synchronized Map<String, Summary> summary() {
        Map<String, Summary> byNamespace = new java.util.LinkedHashMap<>();
        int[] counts = new int[topics.length];
        int[] subscribers = new int[topics.length];
        for (Channel channel : channels.values()) {
            counts[channel.namespace]++;
            subscribers[channel.namespace] += channel.dispatcher.subscriberCount();
        }
        for (int i = 0; i < topics.length; i++) {
            if (catalog.get(i).channels()) {
                byNamespace.put(catalog.get(i).name(), new Summary(counts[i], subscribers[i]));
            }
        }
        return byNamespace;
    }

    /** A namespace's channels: how many exist and their subscriptions together. */
    public record Summary(int channels, int subscribers) {
    }

    /** The dispatchers of every channel now, in no particular order. */
    public synchronized List<TopicDispatcher> channels() {
        List<TopicDispatcher> all = new ArrayList<>(channels.size());
        for (Channel channel : channels.values()) {
            all.add(channel.dispatcher);
        }
        return all;
    }

    /**
     * Drops every channel idle for its namespace's {@code channel-idle-ms}: no subscriber, no publish, no subscribe;
     * the broker forgets its history. Calls {@code dropped} with each one's index.
     *
     * @return how many were dropped
     */
    public int sweep(IntConsumer dropped) {
        long now = clock.millis();
        List<String> gone = new ArrayList<>();
        synchronized (this) {
            Iterator<Map.Entry<String, Channel>> it = channels.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, Channel> entry = it.next();
                Channel channel = entry.getValue();
                long idleMs = catalog.get(channel.namespace).channelIdleMs();
                if (now - channel.lastUsed >= idleMs && channel.dispatcher.subscriberCount() == 0) {
                    channel.dispatcher.flushWindow();
                    it.remove();
                    gone.add(entry.getKey());
                    dropped.accept(channel.dispatcher.index());
                }
            }
        }
        for (String name : gone) {
            broker.unsubscribe(name);
            broker.forget(name);
        }
        return gone.size();
    }

    private void sweepAndReschedule() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        try {
            sweep(index -> { });
        } finally {
            scheduler.schedule(this::sweepAndReschedule, sweepEveryMs);
        }
    }

    /** Sends what every channel's window holds now. */
    public void flushWindows() {
        for (TopicDispatcher dispatcher : channels()) {
            dispatcher.flushWindow();
        }
    }

    /** Stops the idle sweep and refuses new channels. */
    public synchronized void close() {
        closed = true;
    }

    /** One channel: its dispatcher, its namespace's index and when it was last used (guarded by the registry). */
    private static final class Channel {
        final TopicDispatcher dispatcher;
        final int namespace;
        /** Completes once the broker delivers the channel's events to this node. */
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        long lastUsed;

        Channel(TopicDispatcher dispatcher, int namespace, long lastUsed) {
            this.dispatcher = dispatcher;
            this.namespace = namespace;
            this.lastUsed = lastUsed;
        }
    }
}
