package dev.realtimehub.bench.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One hub node of the chaos run: the packaged hub jar as a child process on a fixed port over the private Redis, so
 * that it can be killed with SIGKILL ({@link Process#destroyForcibly()} on Linux) and started again on the same port.
 * Its output is appended to a log file of its own.
 */
final class HubNode implements AutoCloseable {

    /** The topic every chaos client subscribes to: immediate, with history enough for every recovery of the run. */
    static final String TOPIC = "chaos";

    private final int index;
    private final int port;
    private final Path jar;
    private final String redisUri;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Guarded by this. */
    private Process process;

    HubNode(int index, int port, Path jar, String redisUri, Path outDir) {
        this.index = index;
        this.port = port;
        this.jar = jar;
        this.redisUri = redisUri;
        this.log = outDir.resolve("hub-" + index + ".log");
    }

    /** Starts the node and waits until {@code /health/ready} answers 200 (its probe went through Redis and back). */
    void start() throws IOException, InterruptedException {
        Process started;
        synchronized (this) {
            ProcessBuilder builder = new ProcessBuilder(List.of("java", "-Xmx256m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--port", String.valueOf(port),
                    "--node-id", "chaos-" + index, "--redis", redisUri));
            Map<String, String> env = builder.environment();
            env.put("HUB_TOPICS_CHAOS_POLICY", "immediate");
            env.put("HUB_TOPICS_CHAOS_HISTORY", "200000");
            env.put("HUB_REDIS_WAIT_AT_START", "true");
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            process = builder.start();
            started = process;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!started.isAlive()) {
                throw new IllegalStateException("hub node " + index + " exited with " + started.exitValue() + "; see " + log);
            }
            if (isReady()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100); // polling a child process's start: there is nothing to wait on
        }
        throw new IllegalStateException("hub node " + index + " was not ready within 60 s; see " + log);
    }

    /** SIGKILL: no drain, no 1001, the sockets die with the process (what a crash or an OOM kill does). */
    void kill() throws InterruptedException {
        Process victim;
        synchronized (this) {
            victim = process;
            process = null;
        }
        if (victim != null) {
            victim.destroyForcibly();
            victim.waitFor(15, TimeUnit.SECONDS);
        }
    }

    boolean isReady() {
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    int index() {
        return index;
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
