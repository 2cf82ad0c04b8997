package dev.realtimehub.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The Lua scripts the broker runs in Redis, read once from the classpath. */
final class RedisScripts {

    static final String PUBLISH = read("publish.lua");
    static final String HISTORY = read("history.lua");
    static final String POSITION = read("position.lua");
    static final String TOUCH = read("touch.lua");
    static final String PRESENCE_SNAPSHOT = read("presence-snapshot.lua");

    private RedisScripts() {
    }

    private static String read(String name) {
        try (InputStream in = RedisScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing script " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
