package dev.realtimehub.bench.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} of the chaos run's own, with its append-only file fsynced on every write in a folder of its
 * own, on its own port: stopped (SIGTERM, Redis's clean shutdown) and started again on the same port and folder, so
 * that it comes back with everything it acknowledged. Never the shared Redis on 6379.
 */
final class PrivateRedis implements AutoCloseable {

    private final int port;
    private final Path dir;
    /** Guarded by this. */
    private Process process;

    PrivateRedis(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** Starts the server and waits until it answers PING. */
    synchronized void start() throws IOException, InterruptedException {
        process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--appendonly", "yes", "--appendfsync", "always", "--save", "",
                "--logfile", dir.resolve("redis.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (answersPing()) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + "; see " + dir);
            }
            TimeUnit.MILLISECONDS.sleep(50); // polling a child process's start: there is nothing to wait on
        }
        throw new IllegalStateException("redis-server did not answer PING on port " + port + " within 15 s");
    }

    /** Shuts the server down cleanly (SIGTERM) and waits for it to exit. */
    synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    private boolean answersPing() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
