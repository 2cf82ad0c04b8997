package dev.realtimehub.bench.soak;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code soak} command: the clients, the publisher and the sampler of the soak run against hub nodes someone else
 * started (bench/soak.sh starts them, restarts one on a schedule, and writes their pid files and the restart times).
 * Once every client is subscribed it writes {@code started-at}, samples every {@code --sample-every} seconds for
 * {@code --minutes}, then writes samples.csv, soak.png and summary.json to {@code --out}, prints the summary line and
 * one verdict line per series, and exits 1 if any series is not flat ({@link Flatness}). Every
 * {@code --live-heap-every} seconds a sample first asks each node for a full collection, so that its live heap — what
 * a leak would grow — is read apart from the garbage the collector has not yet needed to reclaim.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Soak run: churning clients, a publisher and resource sampling against running hub nodes.")
public final class SoakCommand implements Callable<Integer> {

    @Option(names = "--node", required = true, description = "a hub node's base URL, e.g. http://127.0.0.1:8200 "
            + "(repeat for each node)")
    List<URI> nodes = new ArrayList<>();

    @Option(names = "--pid-file", required = true, description = "the file holding a node's current pid (same order "
            + "as --node; rewritten when the node restarts)")
    List<Path> pidFiles = new ArrayList<>();

    @Option(names = "--restarts", description = "file of restart times (one epoch-millisecond number first on each "
            + "line), written by bench/soak.sh")
    Path restartsFile;

    @Option(names = "--minutes", defaultValue = "30", description = "length of the sampled run (default 30)")
    double minutes;

    @Option(names = "--connections", defaultValue = "10000", description = "clients (default 10000)")
    int connections;

    @Option(names = "--churn-per-s", defaultValue = "-1", description = "connections closed and reopened a second "
            + "(default: 1%% of --connections)")
    double churnPerSecond;

    @Option(names = "--rate", defaultValue = "5", description = "publish requests a second, one event per topic each "
            + "(default 5)")
    double rate;

    @Option(names = "--topic", description = "topics the clients spread over (default soaknow, soakbatch, soakconf)")
    List<String> topics = new ArrayList<>(List.of("soaknow", "soakbatch", "soakconf"));

    @Option(names = "--sample-every", defaultValue = "10", description = "seconds between samples (default 10)")
    double sampleEvery;

    @Option(names = "--live-heap-every", defaultValue = "60", description = "seconds between full collections asked "
            + "of every node (jcmd GC.run) to read its live heap (default 60; 0: never)")
    double liveHeapEvery;

    @Option(names = "--warmup", defaultValue = "-1", description = "seconds left out of the verdict at the start "
            + "(default: 20%% of the run, at most 120)")
    double warmup;

    @Option(names = "--restart-settle", defaultValue = "45", description = "seconds after a restarted node is healthy "
            + "again still left out of the verdict (default 45)")
    double restartSettle;

    @Option(names = "--jitter-ms", defaultValue = "2000", description = "a lost client comes back after a random "
            + "0..this (default 2000)")
    long jitterMs;

    @Option(names = "--out", required = true, description = "directory for samples.csv, soak.png, summary.json")
    Path out;

    @Option(names = "--publish-png", description = "also copy the PNG here (e.g. docs/images/soak.png)")
    Path publishPng;

    @Option(names = "--page-size", defaultValue = "4096", description = "the kernel's page size (getconf PAGESIZE)")
    long pageSize;

    @Override
    public Integer call() throws Exception {
        if (nodes.size() != pidFiles.size()) {
            throw new IllegalArgumentException("--node and --pid-file must be given as often: " + nodes.size()
                    + " and " + pidFiles.size());
        }
        Files.createDirectories(out);
        SoakCounters counters = new SoakCounters();
        List<URI> webSockets = nodes.stream().map(n -> n.resolve("/api/ws/realtime"))
                .map(u -> URI.create(u.toString().replaceFirst("^http", "ws"))).toList();
        List<URI> publish = nodes.stream().map(n -> n.resolve("/api/publish")).toList();
        ProcessProbe probe = new ProcessProbe(pageSize);
        List<SoakSample> samples = new ArrayList<>();
        long startMillis;
        try (SoakClients clients = new SoakClients(webSockets, topics, connections, counters, jitterMs);
             SoakPublisher publisher = new SoakPublisher(publish, topics, counters)) {
            clients.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(120, connections / 50));
            while (counters.connected.get() < connections && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100); // polling the connect progress, not waiting for anything to settle
            }
            if (counters.connected.get() < connections) {
                System.err.println("soak: only " + counters.connected.get() + " of " + connections
                        + " clients subscribed; sampling anyway");
            }
            startMillis = System.currentTimeMillis();
            Files.writeString(out.resolve("started-at"), Long.toString(startMillis));
            publisher.start(rate);
            clients.churn(churnPerSecond >= 0 ? churnPerSecond : connections / 100.0);
            System.err.printf("soak: %d clients subscribed; sampling every %.0f s for %.1f min%n",
                    counters.connected.get(), sampleEvery, minutes);
            long startNanos = System.nanoTime();
            long periodNanos = Math.round(sampleEvery * 1e9);
            long endNanos = startNanos + Math.round(minutes * 60e9);
            long nextCollection = startNanos;
            for (long next = startNanos; next <= endNanos; next += periodNanos) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // the sampling clock
                } else if (wait < -periodNanos / 2) {
                    continue; // the last sample overran this slot (a slow jstat on a busy box): skip it
                }
                boolean collect = liveHeapEvery > 0 && next >= nextCollection;
                if (collect) {
                    nextCollection = next + Math.round(liveHeapEvery * 1e9) - periodNanos / 2;
                }
                samples.add(sample(probe, counters, (System.nanoTime() - startNanos) / 1e9, collect));
                if (Boolean.getBoolean("soak.debug")) {
                    System.err.println("soak: " + clients.state() + ", connected " + counters.connected.get()
                            + ", per node " + java.util.Arrays.toString(clients.subscribedPerNode()));
                }
            }
        }
        return report(samples, startMillis, counters);
    }

    private SoakSample sample(ProcessProbe probe, SoakCounters counters, double seconds, boolean collect) {
        List<SoakSample.NodeReading> readings = new ArrayList<>();
        for (int i = 0; i < pidFiles.size(); i++) {
            readings.add(probe.read(readPid(pidFiles.get(i)), nodes.get(i).resolve("/metrics"), collect));
        }
        return new SoakSample(seconds, readings, probe.tcpMemBytes(), counters.delivered.sum(),
                counters.connected.get());
    }

    private static long readPid(Path pidFile) {
        try {
            return Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private int report(List<SoakSample> samples, long startMillis, SoakCounters counters) throws IOException {
        double seconds = minutes * 60;
        double[][] restarts = SoakRestarts.read(restartsFile, startMillis);
        double warmupSeconds = warmup >= 0 ? warmup : Math.min(120, seconds * 0.2);
        Flatness flatness = new Flatness(warmupSeconds, restartSettle);
        List<Series> series = SoakReport.series(samples);
        List<Flatness.Verdict> verdicts = SoakReport.judge(series, restarts, flatness);
        SoakReport.writeCsv(out.resolve("samples.csv"), samples);
        List<double[]> excluded = new ArrayList<>();
        excluded.add(new double[] {0, warmupSeconds});
        excluded.addAll(List.of(flatness.excludedSpans(restarts)));
        double[] restartMarks = java.util.Arrays.stream(restarts).mapToDouble(r -> r[0]).toArray();
        List<SoakPlot.Panel> panels = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            panels.add(new SoakPlot.Panel(series.get(i), verdicts.get(i), excluded));
        }
        Path png = out.resolve("soak.png");
        SoakPlot.write(png, String.format(java.util.Locale.ROOT,
                "realtime-hub soak: %d connections, %.0f min, %d node(s), %d restart(s) (red); grey: left out",
                connections, minutes, nodes.size(), restarts.length), panels, restartMarks, seconds);
        if (publishPng != null) {
            Path parent = publishPng.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.copy(png, publishPng, StandardCopyOption.REPLACE_EXISTING);
        }
        ObjectNode run = SoakReport.newObject();
        run.put("minutes", minutes);
        run.put("connections", connections);
        run.put("nodes", nodes.size());
        run.put("restarts", restarts.length);
        run.put("samples", samples.size());
        run.put("warmup_s", warmupSeconds);
        run.put("restart_settle_s", restartSettle);
        run.put("live_heap_every_s", liveHeapEvery);
        run.put("delivered", counters.delivered.sum());
        run.put("published", counters.published.sum());
        run.put("publish_refused", counters.publishRefused.sum());
        run.put("duplicates", counters.duplicates.sum());
        run.put("stale_ignored", counters.stale.sum());
        run.put("gaps", counters.gaps.sum());
        run.put("told_not_recovered", counters.told.sum());
        run.put("protocol_errors", counters.protocolErrors.sum());
        run.put("reconnects", counters.reconnects.sum());
        run.put("churned", counters.churned.sum());
        run.put("connect_failures", counters.connectFailures.sum());
        run.put("subscribe_timeouts", counters.subscribeTimeouts.sum());
        ObjectNode closes = run.putObject("closes_by_code");
        counters.closesByCode().forEach((code, count) -> closes.put(Integer.toString(code), count));
        run.put("connected_at_end", samples.isEmpty() ? 0 : samples.get(samples.size() - 1).connected());
        run.put("csv", out.resolve("samples.csv").toString());
        run.put("png", png.toString());
        String summary = SoakReport.summaryJson(run, verdicts);
        Files.writeString(out.resolve("summary.json"), summary + "\n");
        System.out.println(summary);
        verdicts.forEach(v -> System.err.println("soak: " + v.series() + ": " + v.line()));
        boolean flat = verdicts.stream().allMatch(Flatness.Verdict::flat);
        System.err.println(flat ? "soak: every series is flat" : "soak: NOT FLAT (see above)");
        return flat ? 0 : 1;
    }
}
