package dev.realtimehub.core.util;

import java.security.SecureRandom;
import java.util.Base64;

/** Random identifiers: client ids (128 bits), epochs and node ids. Thread-safe. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Ids() {
    }

    /** A URL-safe random id of {@code bits} bits (rounded up to whole bytes). */
    public static String random(int bits) {
        byte[] bytes = new byte[(bits + 7) / 8];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** A client id: 128 random bits. */
    public static String clientId() {
        return random(128);
    }

    /** An epoch id: 64 random bits. */
    public static String epoch() {
        return random(64);
    }
}
