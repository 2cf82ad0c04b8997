package dev.realtimehub.core.topics;

import java.util.regex.Pattern;

/** The rule for topic names: {@code [a-z][a-z0-9_]*}, at most 64 characters. */
public final class TopicNames {

    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private TopicNames() {
    }

    /** Whether {@code name} is a valid topic name. */
    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /** Returns {@code name} or throws, naming the rule. */
    public static String require(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("topic name must match [a-z][a-z0-9_]* (at most 64 characters) but was '"
                    + name + "'");
        }
        return name;
    }
}
