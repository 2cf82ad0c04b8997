package dev.realtimehub.core.topics;

import java.util.List;
import java.util.Objects;

/**
 * One topic's settings: name, delivery policy, window, batch size, conflation key and history size.
 *
 * <p>Immutable; validated on construction with the offending setting named. Build one with {@link #builder(String)}.
 *
 * @param name the topic name ({@code [a-z][a-z0-9_]*})
 * @param policy how a window's events are sent
 * @param windowMs the throttling window in milliseconds (1..60000)
 * @param batchMaxItems the most items one {@code batch} frame carries (1..10000)
 * @param conflateKey the fields whose values form the conflation key; {@code type} means the event type
 * @param history how many events (immediate, batch) or keys (conflate) history keeps (0..1000000)
 * @param roles the roles that may subscribe (any of them); empty: every connection may
 * @param presence whether the hub tracks who is subscribed ({@code presence} action, {@code GET /api/presence/T})
 * @param joinLeave whether subscribers get {@code join}/{@code leave} frames (needs {@code presence})
 * @param channels whether the topic is a namespace of channels {@code name:key} (channels)
 * @param userKey whether a user may subscribe only to the channel whose key is their user id (channels)
 * @param channelIdleMs how long a channel without subscribers and publishes lives on (channels; 1000..86400000)
 */
public record TopicConfig(String name, DeliveryPolicy policy, long windowMs, int batchMaxItems,
                          List<String> conflateKey, int history, List<String> roles,
                          boolean presence, boolean joinLeave,
                          boolean channels, boolean userKey, long channelIdleMs) {

    /** The default throttling window. */
    public static final long DEFAULT_WINDOW_MS = 100;
    /** The default number of items per batch frame. */
    public static final int DEFAULT_BATCH_MAX_ITEMS = 10;
    /** The default history size. */
    public static final int DEFAULT_HISTORY = 1000;
    /** The default time an unused channel lives on. */
    public static final long DEFAULT_CHANNEL_IDLE_MS = 60_000;

    /** The config of the first seven settings, without presence and channels. */
    public TopicConfig(String name, DeliveryPolicy policy, long windowMs, int batchMaxItems, List<String> conflateKey,
                       int history, List<String> roles) {
        this(name, policy, windowMs, batchMaxItems, conflateKey, history, roles, false, false, false, false,
                DEFAULT_CHANNEL_IDLE_MS);
    }

    public TopicConfig {
        if (!ChannelName.isValid(name)) {
            TopicNames.require(name);
        }
        Objects.requireNonNull(policy, "policy");
        check(channelIdleMs >= 1000 && channelIdleMs <= 86_400_000, name, "channel-idle-ms", "1000..86400000",
                channelIdleMs);
        if (joinLeave && !presence) {
            throw new IllegalArgumentException("topics." + name + ".join-leave: needs topics." + name + ".presence: true");
        }
        if (userKey && !channels) {
            throw new IllegalArgumentException("topics." + name + ".user-key: needs channels: true");
        }
        check(windowMs >= 1 && windowMs <= 60_000, name, "window-ms", "1..60000", windowMs);
        check(batchMaxItems >= 1 && batchMaxItems <= 10_000, name, "batch-max-items", "1..10000", batchMaxItems);
        check(history >= 0 && history <= 1_000_000, name, "history", "0..1000000", history);
        conflateKey = conflateKey == null ? List.of() : List.copyOf(conflateKey);
        roles = roles == null ? List.of() : List.copyOf(roles);
        for (String role : roles) {
            if (role == null || role.isBlank()) {
                throw new IllegalArgumentException("topics." + name + ".roles: role names must not be blank");
            }
        }
        if (policy == DeliveryPolicy.CONFLATE && conflateKey.isEmpty()) {
            throw new IllegalArgumentException("topics." + name + ".conflate-key: a conflate topic needs at least one key field");
        }
    }

    private static void check(boolean ok, String topic, String key, String range, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("topics." + topic + "." + key + ": expected " + range + " but was " + value);
        }
    }

    /** A builder with the defaults of an immediate topic. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Whether a connection holding {@code held} roles may subscribe. */
    public boolean permits(java.util.Set<String> held) {
        if (roles.isEmpty()) {
            return true;
        }
        for (String role : roles) {
            if (held.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        return new Builder(name).policy(policy).windowMs(windowMs).batchMaxItems(batchMaxItems)
                .conflateKey(conflateKey).history(history).roles(roles).presence(presence).joinLeave(joinLeave)
                .channels(channels).userKey(userKey).channelIdleMs(channelIdleMs);
    }

    /**
     * The config of channel {@code channelName} of this namespace: the same settings (presence included) under the
     * channel's name.
     */
    public TopicConfig forChannel(String channelName) {
        return new TopicConfig(channelName, policy, windowMs, batchMaxItems, conflateKey, history, roles, presence,
                joinLeave, false, false, channelIdleMs);
    }

    /** Builds a {@link TopicConfig}; not thread-safe. */
    public static final class Builder {
        private final String name;
        private DeliveryPolicy policy = DeliveryPolicy.IMMEDIATE;
        private long windowMs = DEFAULT_WINDOW_MS;
        private int batchMaxItems = DEFAULT_BATCH_MAX_ITEMS;
        private List<String> conflateKey = List.of();
        private int history = DEFAULT_HISTORY;
        private List<String> roles = List.of();
        private boolean presence;
        private boolean joinLeave;
        private boolean channels;
        private boolean userKey;
        private long channelIdleMs = DEFAULT_CHANNEL_IDLE_MS;

        private Builder(String name) {
            this.name = name;
        }

        /** Sets the delivery policy. */
        public Builder policy(DeliveryPolicy value) {
            this.policy = value;
            return this;
        }

        /** Sets the window in milliseconds. */
        public Builder windowMs(long value) {
            this.windowMs = value;
            return this;
        }

        /** Sets the most items per batch frame. */
        public Builder batchMaxItems(int value) {
            this.batchMaxItems = value;
            return this;
        }

        /** Sets the conflation key fields. */
        public Builder conflateKey(List<String> value) {
            this.conflateKey = value;
            return this;
        }

        /** Sets the history size. */
        public Builder history(int value) {
            this.history = value;
            return this;
        }

        /** Sets the roles that may subscribe (empty: everyone). */
        public Builder roles(List<String> value) {
            this.roles = value;
            return this;
        }

        /** Tracks who is subscribed: the {@code presence} action and {@code GET /api/presence/{topic}} answer. */
        public Builder presence(boolean value) {
            this.presence = value;
            return this;
        }

        /** Sends {@code join}/{@code leave} frames to the subscribers (needs {@link #presence}). */
        public Builder joinLeave(boolean value) {
            this.joinLeave = value;
            return this;
        }

        /** Makes the topic a namespace of channels {@code name:key}. */
        public Builder channels(boolean value) {
            this.channels = value;
            return this;
        }

        /** Lets a user subscribe only to the channel whose key is their user id. */
        public Builder userKey(boolean value) {
            this.userKey = value;
            return this;
        }

        /** Sets how long a channel without subscribers and publishes lives on. */
        public Builder channelIdleMs(long value) {
            this.channelIdleMs = value;
            return this;
        }

        /** The validated config. */
        public TopicConfig build() {
            return new TopicConfig(name, policy, windowMs, batchMaxItems, conflateKey, history, roles,
                    presence, joinLeave, channels, userKey, channelIdleMs);
        }
    }
}
