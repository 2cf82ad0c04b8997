package dev.realtimehub.redis;

import dev.realtimehub.core.topics.ChannelName;
import java.util.Collection;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long channels' keys live in Redis ({@code redis.channel-ttl-ms}), so that channels nobody uses any more (10,000
 * inboxes of users long gone) do not stay in Redis forever. The scripts set the time to live on a channel's keys at
 * every publish, subscribe and history read, the same on all of them in one step; and every node refreshes it, a third
 * of it apart, for each channel it holds, so a live channel never loses its keys however quiet it is. A node that drops
 * an idle channel deletes nothing (another node may still use it): the keys expire once no node refreshes them, and
 * the channel then comes back under a new epoch. Plain topics' keys never expire.
 *
 * <p>Thread-safe.
 */
final class ChannelExpiry {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelExpiry.class);

    private final long ttlMs;
    private final String ttlArgument;
    private volatile ScheduledFuture<?> refresh;

    ChannelExpiry(long ttlMs) {
        this.ttlMs = RedisSettings.CHANNEL_TTL_MS.check(ttlMs);
        this.ttlArgument = String.valueOf(ttlMs);
    }

    /** The time to live the scripts set on {@code topic}'s keys, in ms: {@code "0"} (none) for a plain topic. */
    String ttlArgument(String topic) {
        return ChannelName.looksLikeChannel(topic) ? ttlArgument : "0";
    }

    /**
     * How long a publication id of {@code topic} is remembered, in seconds as the publish script takes it: for a
     * channel never longer than its keys, so that an id can never answer a seq of an epoch that expired with them.
     */
    String idSeconds(String topic, long idempotencyMs) {
        long ms = ChannelName.looksLikeChannel(topic) ? Math.min(idempotencyMs, ttlMs) : idempotencyMs;
        return String.valueOf(ms / 1000); // rounded down: never past the keys
    }

    /**
     * Starts refreshing, on {@code executor} every third of the time to live, the keys of every channel among
     * {@code held} (this node's feeds) with {@code touch} ({@code touch.lua}).
     */
    void start(ScheduledExecutorService executor, ScriptRunner touch, Supplier<Collection<TopicFeed>> held) {
        long everyMs = ttlMs / 3;
        refresh = executor.scheduleWithFixedDelay(() -> refreshAll(touch, held.get()), everyMs, everyMs,
                TimeUnit.MILLISECONDS);
    }

    private void refreshAll(ScriptRunner touch, Collection<TopicFeed> feeds) {
        AtomicInteger failed = new AtomicInteger();
        for (TopicFeed feed : feeds) {
            if (ChannelName.looksLikeChannel(feed.topic().name())) {
                touch.run(feed.keys().scriptKeys(), ttlArgument).whenComplete((reply, failure) -> {
                    if (failure != null && failed.getAndIncrement() == 0) {
                        // the next round tries again, well within the time to live
                        LOG.debug("refreshing channel keys failed: {}", failure.toString());
                    }
                });
            }
        }
    }

    /** Stops refreshing (the node is closing); the keys expire unless another node holds the channel. */
    void stop() {
        ScheduledFuture<?> running = refresh;
        if (running != null) {
            running.cancel(false);
        }
    }
}
