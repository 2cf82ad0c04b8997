package dev.realtimehub.bench.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reads a hub process's figures from outside, as an operator would: the resident set ({@code VmRSS} of
 * /proc/PID/status), the open file descriptors (entries of /proc/PID/fd), the heap in use (the hub's Prometheus
 * {@code /metrics}, or {@code jstat -gc PID}: survivors, eden and old generation), the live heap (the old generation
 * right after a full collection asked for with {@code jcmd PID GC.run}, which leaves only what is reachable), and the
 * kernel's TCP socket memory (the {@code mem} pages of the {@code TCP:} line of /proc/net/sockstat, times the page
 * size — machine-wide).
 *
 * <p>Stateless and thread-safe; every read of a process that is gone answers {@code NaN}.
 */
final class ProcessProbe {

    private static final Path SOCKSTAT = Path.of("/proc/net/sockstat");

    private final String jstat;
    private final String jcmd;
    private final long pageSize;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ProcessProbe(long pageSize) {
        Path beside = Path.of(System.getProperty("java.home"), "bin", "jstat");
        this.jstat = Files.isExecutable(beside) ? beside.toString() : "jstat";
        Path jcmdBeside = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        this.jcmd = Files.isExecutable(jcmdBeside) ? jcmdBeside.toString() : "jcmd";
        this.pageSize = pageSize;
    }

    /**
     * One reading of {@code pid}, or {@link SoakSample.NodeReading#down()} when it is 0 or gone. The heap comes from
     * the hub's own {@code metricsUri} ({@code jvm_memory_used_bytes} of the heap areas) when it answers, else from
     * jstat: on a busy machine starting the jstat JVM can take longer than the sampling interval.
     */
    SoakSample.NodeReading read(long pid, URI metricsUri) {
        return read(pid, metricsUri, false);
    }

    /**
     * One reading of {@code pid}; with {@code collect}, first a full collection ({@code jcmd PID GC.run}, waited for)
     * and then the old generation, which then holds everything still reachable, as the live heap. The collection is
     * a pause of the hub (tens of milliseconds at a hundred MiB live), so the soak asks for it once a minute.
     */
    SoakSample.NodeReading read(long pid, URI metricsUri, boolean collect) {
        if (pid <= 0 || !Files.isDirectory(Path.of("/proc", Long.toString(pid)))) {
            return SoakSample.NodeReading.down();
        }
        boolean collected = collect && run(jcmd, 20, Long.toString(pid), "GC.run") != null;
        String metrics = metricsUri == null ? "" : metrics(metricsUri);
        double live = Double.NaN;
        if (collected) {
            live = prometheusOldGenBytes(metrics);
            if (Double.isNaN(live)) {
                live = oldGenBytes(run(jstat, 5, "-gc", Long.toString(pid)));
            }
        }
        double heap = prometheusHeapBytes(metrics);
        if (Double.isNaN(heap)) {
            heap = heapBytes(pid);
        }
        return new SoakSample.NodeReading(pid, heap, live, rssBytes(pid), fds(pid), prometheusGauge(metrics,
                "hub_connections"));
    }

    private String metrics(URI metricsUri) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(metricsUri)
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The value of the unlabelled gauge {@code name} in Prometheus text ({@code NaN} if absent). */
    static double prometheusGauge(String exposition, String name) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length()).trim().split("\\s+")[0]);
            }
        }
        return Double.NaN;
    }

    /** The sum of {@code jvm_memory_used_bytes{area="heap",…}} in Prometheus text ({@code NaN} if there is none). */
    static double prometheusHeapBytes(String exposition) {
        double sum = 0;
        boolean found = false;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf('}') + 1).trim().split("\\s+")[0]);
                found = true;
            }
        }
        return found ? sum : Double.NaN;
    }

    static double rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Double.parseDouble(line.substring(6).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    static double fds(long pid) {
        try (Stream<Path> entries = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return entries.count();
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The kernel's TCP socket memory in bytes, machine-wide. */
    double tcpMemBytes() {
        try {
            return tcpMemPages(Files.readString(SOCKSTAT)) * pageSize;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** The {@code mem} field of sockstat's {@code TCP:} line, in pages ({@code NaN} if absent). */
    static double tcpMemPages(String sockstat) {
        for (String line : sockstat.split("\n")) {
            if (line.startsWith("TCP:")) {
                String[] words = line.trim().split("\\s+");
                for (int i = 1; i + 1 < words.length; i++) {
                    if (words[i].equals("mem")) {
                        return Double.parseDouble(words[i + 1]);
                    }
                }
            }
        }
        return Double.NaN;
    }

    double heapBytes(long pid) {
        String output = run(jstat, 5, "-gc", Long.toString(pid));
        return output == null ? Double.NaN : heapUsedBytes(output);
    }

    /**
     * Runs {@code command} with {@code args} and answers its output, or {@code null} if it failed or did not end within
     * {@code timeoutSeconds}. The output goes to a file, so a tool that hangs (a JVM in the middle of starting or
     * stopping) is abandoned instead of blocking the sampler on its pipe.
     */
    private static String run(String command, long timeoutSeconds, String... args) {
        Path output = null;
        try {
            output = Files.createTempFile("soak-probe", ".txt");
            java.util.List<String> line = new java.util.ArrayList<>();
            line.add(command);
            line.addAll(java.util.List.of(args));
            Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? Files.readString(output, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    /** The old generation's {@code jvm_memory_used_bytes} in Prometheus text ({@code NaN} if there is none). */
    static double prometheusOldGenBytes(String exposition) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")
                    && line.contains("Old Gen")) {
                return Double.parseDouble(line.substring(line.lastIndexOf('}') + 1).trim().split("\\s+")[0]);
            }
        }
        return Double.NaN;
    }

    /** The old generation in use from {@code jstat -gc} output (OU, KiB) in bytes; {@code NaN} if unreadable. */
    static double oldGenBytes(String jstatGc) {
        return jstatColumnsBytes(jstatGc, "OU");
    }

    /** Heap in use from {@code jstat -gc} output: S0U + S1U + EU + OU (KiB) in bytes; {@code NaN} if unreadable. */
    static double heapUsedBytes(String jstatGc) {
        return jstatColumnsBytes(jstatGc, "S0U", "S1U", "EU", "OU");
    }

    /** The sum of {@code columns} (KiB) of {@code jstat -gc} output in bytes; {@code NaN} if one is missing. */
    private static double jstatColumnsBytes(String jstatGc, String... columns) {
        if (jstatGc == null) {
            return Double.NaN;
        }
        String[] lines = jstatGc.trim().split("\n");
        if (lines.length < 2) {
            return Double.NaN;
        }
        String[] head = lines[0].trim().split("\\s+");
        String[] row = lines[lines.length - 1].trim().split("\\s+");
        java.util.List<String> wanted = java.util.List.of(columns);
        double kib = 0;
        int found = 0;
        for (int i = 0; i < head.length && i < row.length; i++) {
            if (wanted.contains(head[i])) {
                try {
                    kib += Double.parseDouble(row[i].replace(',', '.'));
                    found++;
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
        }
        return found == columns.length ? kib * 1024 : Double.NaN;
    }
}
