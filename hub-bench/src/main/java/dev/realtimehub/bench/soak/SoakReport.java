package dev.realtimehub.bench.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the soak run's samples into its report: the series, a verdict on each ({@link Flatness}), the CSV of every
 * sample, the PNG ({@link SoakPlot}) and one JSON summary line.
 *
 * <p>The tolerances: heap in use 20 % + 16 MiB (judged by its troughs, see {@link Flatness}), the live heap after a
 * full collection 20 % + 16 MiB (judged by its medians: it is what a leak grows, with no garbage in it), RSS
 * 10 % + 32 MiB, file descriptors beyond the node's connections 10 % + 50 (a socket closing or opening between the
 * two reads moves it by a few dozen under churn), TCP socket memory
 * 25 % + 8 MiB (machine-wide: the clients' sockets and anything else on the box count too); the delivery rate may
 * not fall by more than 25 %, nor the clients subscribed by more than 10 % (clients that drift away, because the hub
 * or the client JVM cannot keep up, make every other figure meaningless).
 *
 * <p>Stateless and thread-safe.
 */
final class SoakReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SoakReport() {
    }

    /** The series of {@code samples}: per node heap, RSS and fds, then TCP memory, delivery rate, clients subscribed. */
    static List<Series> series(List<SoakSample> samples) {
        int nodes = samples.isEmpty() ? 0 : samples.get(0).nodes().size();
        double[] t = samples.stream().mapToDouble(SoakSample::seconds).toArray();
        List<Series> out = new ArrayList<>();
        // the live heap is read once a minute, not every sample: its series holds the samples that asked for it
        List<SoakSample> collected = samples.stream()
                .filter(s -> s.nodes().stream().anyMatch(r -> !Double.isNaN(r.liveHeapBytes()))).toList();
        for (int n = 0; n < nodes; n++) {
            int node = n;
            out.add(new Series("node" + n + "_heap_bytes", Series.Unit.BYTES, Series.Trouble.GROWTH, t,
                    samples.stream().mapToDouble(s -> s.nodes().get(node).heapBytes()).toArray()));
            out.add(new Series("node" + n + "_heap_after_full_gc_bytes", Series.Unit.BYTES, Series.Trouble.GROWTH,
                    collected.stream().mapToDouble(SoakSample::seconds).toArray(),
                    collected.stream().mapToDouble(s -> s.nodes().get(node).liveHeapBytes()).toArray()));
            out.add(new Series("node" + n + "_rss_bytes", Series.Unit.BYTES, Series.Trouble.GROWTH, t,
                    samples.stream().mapToDouble(s -> s.nodes().get(node).rssBytes()).toArray()));
            out.add(new Series("node" + n + "_fds_beyond_connections", Series.Unit.COUNT, Series.Trouble.GROWTH, t,
                    samples.stream().mapToDouble(s -> s.nodes().get(node).fdsBeyondConnections()).toArray()));
        }
        out.add(new Series("tcp_mem_bytes", Series.Unit.BYTES, Series.Trouble.GROWTH, t,
                samples.stream().mapToDouble(SoakSample::tcpMemBytes).toArray()));
        double[] rate = new double[samples.size()];
        if (rate.length > 0) {
            rate[0] = Double.NaN; // a rate needs two samples
        }
        for (int i = 1; i < samples.size(); i++) {
            double dt = t[i] - t[i - 1];
            rate[i] = dt > 0 ? (samples.get(i).delivered() - samples.get(i - 1).delivered()) / dt : Double.NaN;
        }
        out.add(new Series("delivered_per_s", Series.Unit.PER_SECOND, Series.Trouble.DECLINE, t, rate));
        out.add(new Series("clients_subscribed", Series.Unit.COUNT, Series.Trouble.DECLINE, t,
                samples.stream().mapToDouble(SoakSample::connected).toArray()));
        return out;
    }

    /** The tolerance of the series named {@code name} (see the class comment). */
    static Tolerance toleranceOf(String name) {
        double mib = 1024.0 * 1024.0;
        if (name.endsWith("_heap_bytes") || name.endsWith("_heap_after_full_gc_bytes")) {
            return new Tolerance(0.20, 16 * mib);
        }
        if (name.endsWith("_rss_bytes")) {
            return new Tolerance(0.10, 32 * mib);
        }
        if (name.endsWith("_fds_beyond_connections")) {
            return new Tolerance(0.10, 50);
        }
        if (name.equals("tcp_mem_bytes")) {
            return new Tolerance(0.25, 8 * mib);
        }
        if (name.equals("delivered_per_s")) {
            return new Tolerance(0.25, 0);
        }
        if (name.equals("clients_subscribed")) {
            return new Tolerance(0.10, 0);
        }
        throw new IllegalArgumentException("no tolerance for series '" + name + "'");
    }

    /** Writes every sample as one CSV row (a node that is down leaves its cells empty). */
    static void writeCsv(Path file, List<SoakSample> samples) throws IOException {
        StringBuilder csv = new StringBuilder("seconds");
        int nodes = samples.isEmpty() ? 0 : samples.get(0).nodes().size();
        for (int n = 0; n < nodes; n++) {
            csv.append(String.format(Locale.ROOT, ",node%d_pid,node%d_heap_bytes,node%d_heap_after_full_gc_bytes,"
                    + "node%d_rss_bytes,node%d_fds,node%d_connections", n, n, n, n, n, n));
        }
        csv.append(",tcp_mem_bytes,delivered,connected\n");
        for (SoakSample s : samples) {
            csv.append(String.format(Locale.ROOT, "%.1f", s.seconds()));
            for (SoakSample.NodeReading r : s.nodes()) {
                csv.append(',').append(r.pid() == 0 ? "" : Long.toString(r.pid()))
                        .append(',').append(cell(r.heapBytes())).append(',').append(cell(r.liveHeapBytes()))
                        .append(',').append(cell(r.rssBytes()))
                        .append(',').append(cell(r.fds())).append(',').append(cell(r.connections()));
            }
            csv.append(',').append(cell(s.tcpMemBytes())).append(',').append(s.delivered())
                    .append(',').append(s.connected()).append('\n');
        }
        Files.writeString(file, csv, StandardCharsets.UTF_8);
    }

    private static String cell(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.0f", value);
    }

    /** Judges every series of {@code samples}; {@code restarts} as {@link Flatness#judge} takes them. */
    static List<Flatness.Verdict> judge(List<Series> series, double[][] restarts, Flatness flatness) {
        List<Flatness.Verdict> verdicts = new ArrayList<>();
        for (Series s : series) {
            verdicts.add(flatness.judge(s, restarts, toleranceOf(s.name())));
        }
        return verdicts;
    }

    /** The summary line: the run's shape, the clients' figures, and every verdict. */
    static String summaryJson(ObjectNode run, List<Flatness.Verdict> verdicts) {
        ObjectNode root = JSON.createObjectNode();
        root.put("scenario", "soak");
        root.setAll(run);
        boolean allFlat = verdicts.stream().allMatch(Flatness.Verdict::flat);
        root.put("flat", allFlat);
        ArrayNode list = root.putArray("series");
        for (Flatness.Verdict v : verdicts) {
            ObjectNode o = list.addObject();
            o.put("name", v.series());
            o.put("flat", v.flat());
            o.put("samples", v.samples());
            putNumber(o, "early_median", v.early());
            putNumber(o, "late_median", v.late());
            putNumber(o, "allowed_change", v.allowed());
            putNumber(o, "slope_per_hour", v.slopePerHour());
            o.put("verdict", v.line());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the summary", e);
        }
    }

    static ObjectNode newObject() {
        return JSON.createObjectNode();
    }

    private static void putNumber(ObjectNode o, String key, double value) {
        if (Double.isNaN(value)) {
            o.putNull(key);
        } else {
            o.put(key, Math.round(value * 100) / 100.0);
        }
    }
}
