package dev.realtimehub.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Redis for tests: the shared server on 127.0.0.1:6379 (used under a unique key prefix, cleaned up), or a private
 * {@code redis-server} on a free port that a test may stop and restart without touching the shared one.
 */
public final class TestRedis implements AutoCloseable {

    private static final TestRedis SHARED = new TestRedis(6379, null, null);

    private final int port;
    private final Path dir;
    private Process process;
    /** Whether the private server keeps an append-only file (fsynced on every write). */
    private boolean appendOnly = true;

    private TestRedis(int port, Path dir, Process process) {
        this.port = port;
        this.dir = dir;
        this.process = process;
    }

    /** The Redis the machine runs on 6379. */
    public static TestRedis shared() {
        return SHARED;
    }

    /** A key prefix no other test uses. */
    public static String uniquePrefix() {
        return "test:" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    /**
     * Starts a private {@code redis-server} on a free port, with an append-only file fsynced on every write, so that a
     * restart keeps every acknowledged publish.
     */
    public static TestRedis startPrivate() throws IOException {
        return startPrivate(true);
    }

    /**
     * Starts a private {@code redis-server} on a free port: with an append-only file fsynced on every write, or
     * ({@code appendOnly} false) with no persistence at all, so that a restart forgets every key.
     */
    public static TestRedis startPrivate(boolean appendOnly) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        TestRedis redis = new TestRedis(port, Files.createTempDirectory("hub-redis-"), null);
        redis.appendOnly = appendOnly;
        redis.restart();
        return redis;
    }

    /** Starts (again) the private server, on the same port and data folder. */
    public void restart() throws IOException {
        if (dir == null) {
            throw new IllegalStateException("the shared Redis is not restarted by tests");
        }
        process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--appendonly", appendOnly ? "yes" : "no", "--appendfsync", "always", "--save", "",
                "--logfile", dir.resolve("redis.log").toString())
                .redirectErrorStream(true).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (RedisClient client = RedisClient.create(uri());
                 StatefulRedisConnection<String, String> connection = client.connect()) {
                if ("PONG".equals(connection.sync().ping())) {
                    return;
                }
            } catch (RuntimeException notYet) {
                Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("redis-server did not start on " + port);
    }

    /** Kills the private server (SIGKILL): what a crash or an OOM kill does. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    /** Runs {@code SET key value}: for a test that makes Redis forget what it acknowledged. */
    public void set(String key, String value) {
        try (RedisClient client = RedisClient.create(uri());
             StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().set(key, value);
        }
    }

    /** Stops the private server (SIGTERM; the append-only file is already on disk). */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Deletes every key under {@code prefix}. */
    public void deleteKeys(String prefix) {
        try (RedisClient client = RedisClient.create(uri());
             StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> keys = new ArrayList<>();
            ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(prefix + "*").limit(500)).forEachRemaining(keys::add);
            if (!keys.isEmpty()) {
                connection.sync().del(keys.toArray(String[]::new));
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
