package dev.realtimehub.core.bus;

import dev.realtimehub.core.topics.ChannelName;
import dev.realtimehub.core.topics.TopicNames;
import java.util.regex.Pattern;

/**
 * One rule of the {@link EventBus}: events whose name starts with {@code prefix} go to {@code topic}, with the given
 * throttle choice.
 *
 * <p>Immutable and thread-safe; validated on construction, the message naming the bad component ({@code prefix: …},
 * {@code topic: …}) so that config can put its key in front.
 *
 * @param prefix the start of the event names it takes, {@code [A-Z][A-Z0-9_]*}; empty takes every name
 * @param topic the topic or channel ({@code ns:key}) those events go to (must exist on the hub, checked when the hub
 *     is built)
 * @param throttle {@code true}: merge into the topic's window; {@code false}: send at once; {@code null}: the topic's
 *     policy decides
 */
public record EventRoute(String prefix, String topic, Boolean throttle) {

    private static final Pattern PREFIX = Pattern.compile("([A-Z][A-Z0-9_]{0,127})?");

    public EventRoute {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("prefix: expected [A-Z][A-Z0-9_]* (or empty to take every event) but was "
                    + (prefix == null ? "null" : "'" + prefix + "'"));
        }
        if (!TopicNames.isValid(topic) && !ChannelName.isValid(topic)) {
            throw new IllegalArgumentException("topic: expected a topic name ([a-z][a-z0-9_]*) or a channel (ns:key) but was "
                    + (topic == null ? "null" : "'" + topic + "'"));
        }
    }

    /** A route whose events the topic's policy throttles or not. */
    public static EventRoute of(String prefix, String topic) {
        return new EventRoute(prefix, topic, null);
    }

    /** A route whose events are merged into the topic's window, whatever its policy. */
    public static EventRoute throttled(String prefix, String topic) {
        return new EventRoute(prefix, topic, true);
    }

    /** A route whose events are sent at once, whatever the topic's policy. */
    public static EventRoute immediate(String prefix, String topic) {
        return new EventRoute(prefix, topic, false);
    }

    /** Whether this route takes the event called {@code name}. */
    public boolean matches(String name) {
        return name.startsWith(prefix);
    }

    @Override
    public String toString() {
        return (prefix.isEmpty() ? "*" : prefix + "*") + " -> " + topic
                + (throttle == null ? "" : throttle ? " (throttled)" : " (immediate)");
    }
}
