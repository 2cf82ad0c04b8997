package dev.realtimehub.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged {@code realtime-hub.jar} run as a real process, its output captured line by line. */
final class HubProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on http://([^:]+):(\\d+)");

    private final Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private HubProcess(Process process) {
        this.process = process;
        pump(process.getInputStream(), stdout, true);
        pump(process.getErrorStream(), stderr, false);
    }

    /** Starts {@code java -jar realtime-hub.jar args…}. */
    static HubProcess start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("HUB_"));
        return new HubProcess(builder.start());
    }

    static Path jar() {
        return Path.of(System.getProperty("hub.jar", "target/realtime-hub.jar"));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void pump(java.io.InputStream in, List<String> lines, boolean watchPort) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                    Matcher matcher = LISTENING.matcher(line);
                    if (watchPort && matcher.find()) {
                        port.complete(Integer.parseInt(matcher.group(2)));
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            if (watchPort) {
                port.completeExceptionally(new IllegalStateException("hub ended without listening: " + stdout + stderr));
            }
        }, "hub-process-output");
        thread.setDaemon(true);
        thread.start();
    }

    /** The port from the {@code listening on} line, once it appears. */
    int port() throws Exception {
        return port.get(30, TimeUnit.SECONDS);
    }

    /** Sends SIGTERM. */
    void terminate() {
        process.destroy();
    }

    /** Waits for the exit code. */
    int exitCode() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("hub did not exit: " + stdout + stderr);
        }
        return process.exitValue();
    }

    List<String> stdout() {
        return stdout;
    }

    List<String> stderr() {
        return stderr;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
