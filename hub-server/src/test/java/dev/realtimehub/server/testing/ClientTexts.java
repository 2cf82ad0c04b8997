package dev.realtimehub.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

/** Checks that a text the hub sent a client speaks in the hub's words: no library class, package or setting names. */
public final class ClientTexts {

    /** A qualified Java name ({@code com.fasterxml.jackson.databind.JsonNode}, {@code io.netty.buffer}). */
    private static final Pattern QUALIFIED_NAME = Pattern.compile("\\b[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*){2,}");
    /** A member reference ({@code StreamReadConstraints.getMaxNestingDepth()}, {@code DeserializationFeature.FAIL_…}). */
    private static final Pattern MEMBER = Pattern.compile("\\b[A-Z][A-Za-z0-9]*\\.[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern LIBRARY = Pattern.compile("(?i)jackson|nimbus|netty|exception|extend class|`");

    private ClientTexts() {
    }

    /** Asserts that {@code text} names no library internals. */
    public static void assertNoInternals(String text) {
        assertThat(text).as("names a qualified class or package").doesNotContainPattern(QUALIFIED_NAME);
        assertThat(text).as("names a class member").doesNotContainPattern(MEMBER);
        assertThat(text).as("names a library or its wording").doesNotContainPattern(LIBRARY);
    }

    /** Asserts that {@code text} says nothing about a key or secret: not its length, not its bits. */
    public static void assertNothingAboutTheKey(String text) {
        assertNoInternals(text);
        assertThat(text).as("speaks of the key").doesNotContainPattern("(?i)secret|key|bits|length|\\bbytes\\b");
    }
}
