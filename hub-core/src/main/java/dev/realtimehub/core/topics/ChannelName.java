package dev.realtimehub.core.topics;

import java.util.regex.Pattern;

/**
 * The name of a channel: {@code ns:key}, where {@code ns} is a topic declared with {@code channels: true} and the key
 * matches {@code [A-Za-z0-9_.-]{1,64}} (e.g. {@code tasks:42}, {@code inbox:alice}).
 *
 * @param namespace the namespace topic's name
 * @param key the channel's key within it
 */
public record ChannelName(String namespace, String key) {

    /** The rule a key must follow, as the error messages state it. */
    public static final String KEY_RULE = "[A-Za-z0-9_.-]{1,64}";
    private static final Pattern KEY = Pattern.compile(KEY_RULE);

    public ChannelName {
        TopicNames.require(namespace);
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("channel key must match " + KEY_RULE + " but was '" + key + "'");
        }
    }

    /** Whether {@code name} has the shape of a channel name ({@code ns:key}, both parts valid). */
    public static boolean isValid(String name) {
        int colon = name == null ? -1 : name.indexOf(':');
        return colon > 0 && TopicNames.isValid(name.substring(0, colon))
                && KEY.matcher(name.substring(colon + 1)).matches();
    }

    /** Whether {@code name} looks like a channel (has a colon), valid or not. */
    public static boolean looksLikeChannel(String name) {
        return name != null && name.indexOf(':') >= 0;
    }

    /**
     * Parses {@code ns:key}.
     *
     * @throws IllegalArgumentException naming the part that breaks the rule
     */
    public static ChannelName parse(String name) {
        int colon = name == null ? -1 : name.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("a channel name is namespace:key but was '" + name + "'");
        }
        String namespace = name.substring(0, colon);
        if (!TopicNames.isValid(namespace)) {
            throw new IllegalArgumentException("channel namespace must match [a-z][a-z0-9_]* (at most 64 characters)");
        }
        String key = name.substring(colon + 1);
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("channel key must match " + KEY_RULE);
        }
        return new ChannelName(namespace, key);
    }

    /** The full name, {@code ns:key}. */
    public String full() {
        return namespace + ':' + key;
    }

    @Override
    public String toString() {
        return full();
    }
}
