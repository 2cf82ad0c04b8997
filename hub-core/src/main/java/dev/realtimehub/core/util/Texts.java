package dev.realtimehub.core.util;

/** Helpers for echoing client input back in error messages. Stateless and thread-safe. */
public final class Texts {

    private Texts() {
    }

    /**
     * {@code value} cut to at most {@code max} characters plus "…" when longer, so a client cannot make the hub echo
     * megabytes. The cut never splits a surrogate pair: half an emoji would be invalid UTF-16 in the reply.
     */
    public static String clip(String value, int max) {
        if (value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end) + "…";
    }
}
