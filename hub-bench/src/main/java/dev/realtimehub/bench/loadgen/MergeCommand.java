package dev.realtimehub.bench.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code merge} command: combines the JSON lines of several load generator processes of one run into one summary
 * line — counts summed, latency percentiles from the merged histograms, the server figures of the publishing process
 * (it measured the server while every process held its connections).
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Merges loadgen report lines (files, or stdin) into one summary JSON line.")
public final class MergeCommand implements Callable<Integer> {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Parameters(arity = "0..*", description = "Files holding report lines (default: stdin).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--connect-wall-seconds",
            description = "Seconds from starting the first loadgen until every one was connected (from run.sh).")
    Double connectWallSeconds;

    @Option(names = "--server-rss-before", description = "Server RSS in bytes before any loadgen connected.")
    Long serverRssBefore;

    @Option(names = "--nstat-before", description = "Output of 'nstat -asz' before the run.")
    Path nstatBefore;

    @Option(names = "--nstat-after", description = "Output of 'nstat -asz' after the run.")
    Path nstatAfter;

    @Option(names = "--sockstat", description = "The TCP lines of /proc/net/sockstat sampled during the run.")
    Path sockstat;

    @Option(names = "--server-cpu-peak", description = "Peak server CPU % sampled by run.sh during the run.")
    Double serverCpuPeak;

    @Option(names = "--page-size", defaultValue = "4096", description = "Bytes per page (sockstat's mem unit).")
    long pageSize;

    @Option(names = "--tcp-mem", description = "net.ipv4.tcp_mem during the run (three numbers of pages).")
    String tcpMem;

    @Override
    public Integer call() throws IOException {
        List<JsonNode> reports = new ArrayList<>();
        if (files.isEmpty()) {
            read(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).lines().toList(), reports);
        } else {
            for (Path file : files) {
                read(Files.readAllLines(file), reports);
            }
        }
        if (reports.isEmpty()) {
            System.err.println("merge: no report lines");
            return 1;
        }
        Map<String, Object> summary = merge(reports, connectWallSeconds, serverRssBefore);
        summary.put("kernel", kernel());
        if (serverCpuPeak != null) {
            summary.put("server_cpu_peak_percent", serverCpuPeak);
        }
        System.out.println(MAPPER.writeValueAsString(summary));
        return 0;
    }

    /**
     * The reconnect storm over every process: counts summed, and the time from the first close by the server to the
     * last resubscription answered (every client back), or null when no process reconnected.
     */
    static Map<String, Object> reconnect(List<JsonNode> reports) {
        Map<String, Object> json = new LinkedHashMap<>();
        long first = Long.MAX_VALUE;
        long last = 0;
        double maxDowntime = 0;
        boolean any = false;
        for (JsonNode report : reports) {
            JsonNode r = report.path("reconnect");
            if (!r.isObject()) {
                continue;
            }
            any = true;
            for (String key : List.of("disconnected", "recovered", "not_recovered", "attempts_failed")) {
                json.merge(key, r.path(key).asLong(), (a, b) -> (Long) a + (Long) b);
            }
            if (r.path("first_disconnect_us").asLong() > 0) {
                first = Math.min(first, r.path("first_disconnect_us").asLong());
            }
            last = Math.max(last, r.path("last_resubscribed_us").asLong());
            maxDowntime = Math.max(maxDowntime, r.path("max_downtime_s").asDouble());
        }
        if (!any) {
            return null;
        }
        json.put("all_back_s", first == Long.MAX_VALUE || last == 0 ? null : ReportJson.round((last - first) / 1e6, 3));
        json.put("max_downtime_s", maxDowntime);
        return json;
    }

    /** The kernel's counters over the run, or null when run.sh gave none. */
    private Map<String, Object> kernel() throws IOException {
        if (nstatBefore == null && sockstat == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        if (nstatBefore != null && nstatAfter != null && Files.exists(nstatBefore) && Files.exists(nstatAfter)) {
            json.put("nstat_delta", KernelCounters.delta(KernelCounters.parseNstat(Files.readAllLines(nstatBefore)),
                    KernelCounters.parseNstat(Files.readAllLines(nstatAfter))));
        }
        if (sockstat != null && Files.exists(sockstat)) {
            json.put("tcp_mem_peak_bytes", KernelCounters.peakTcpMemBytes(Files.readAllLines(sockstat), pageSize));
        }
        if (tcpMem != null && !tcpMem.isBlank()) {
            json.put("tcp_mem_bytes", KernelCounters.tcpMemBytes(tcpMem, pageSize));
        }
        return json;
    }

    private static void read(List<String> lines, List<JsonNode> into) throws IOException {
        for (String line : lines) {
            if (line.startsWith("{") && line.contains("\"histogram\"")) {
                into.add(MAPPER.readTree(line));
            }
        }
    }

    /** The summary of {@code reports}. */
    static Map<String, Object> merge(List<JsonNode> reports, Double connectWallSeconds, Long serverRssBefore) {
        JsonNode publisher = reports.stream().filter(r -> "publisher".equals(r.path("role").asText()))
                .findFirst().orElse(reports.get(reports.size() - 1));
        Histogram latency = new Histogram(LoopTally.HIGHEST_MICROS, 3);
        long connections = 0;
        double connectSeconds = 0;
        boolean saturated = false;
        List<Object> loadgenCpu = new ArrayList<>();
        List<Double> connectByProcess = new ArrayList<>();
        Map<String, Long> sums = new LinkedHashMap<>();
        String[] summed = {"connect_failures", "disconnects", "closed_4008", "deliveries", "window_deliveries",
            "late_deliveries", "never_delivered", "expected_deliveries", "lost", "duplicated", "out_of_order", "gaps", "frames",
            "batch_frames", "batch_items", "misrouted"};
        Map<String, Long> closesByCode = new TreeMap<>();
        for (JsonNode report : reports) {
            report.path("closes_by_code").fields().forEachRemaining(entry ->
                    closesByCode.merge(entry.getKey(), entry.getValue().asLong(), Long::sum));
            latency.add(ReportJson.decode(report.path("histogram").asText()));
            connections += report.path("connections").asLong();
            connectSeconds = Math.max(connectSeconds, report.path("connect_seconds").asDouble());
            connectByProcess.add(report.path("connect_seconds").asDouble());
            saturated |= report.path("loadgen").path("saturated").asBoolean();
            loadgenCpu.add(report.path("loadgen").path("cpu_percent").isNumber()
                    ? report.path("loadgen").path("cpu_percent").asDouble() : null);
            for (String key : summed) {
                sums.merge(key, report.path(key).asLong(), Long::sum);
            }
        }
        double window = publisher.path("window_seconds").asDouble(1);
        long first = 0;
        long last = 0;
        for (JsonNode report : reports) {
            long f = report.path("first_measured_us").asLong();
            if (f != 0) {
                first = first == 0 ? f : Math.min(first, f);
                last = Math.max(last, report.path("last_measured_us").asLong());
            }
        }
        double span = (last - first) / 1e6;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("summary", true);
        json.put("target", publisher.path("target").asText());
        json.put("processes", reports.size());
        json.put("connections", connections);
        json.put("connect_failures", sums.get("connect_failures"));
        json.put("connect_seconds", connectWallSeconds != null ? connectWallSeconds : connectSeconds);
        // each process's own time from its first connect to its last subscription (no JVM start), in report order
        json.put("connect_seconds_by_process", connectByProcess);
        json.put("disconnects", sums.get("disconnects"));
        json.put("closed_4008", sums.get("closed_4008"));
        json.put("closes_by_code", closesByCode);
        json.put("published", publisher.path("published").asLong());
        json.put("publish_refused_503", publisher.path("publish_refused_503").asLong());
        json.put("publish_errors", publisher.path("publish_errors").asLong());
        json.put("publish_rate_asked", publisher.path("publish_rate_asked").asDouble());
        json.put("publish_rate_achieved", publisher.path("publish_rate_achieved").asDouble());
        json.put("publish_peak_in_flight", publisher.path("publish_peak_in_flight").asInt());
        json.put("publisher_max_lag_ms", publisher.path("publisher_max_lag_ms").asDouble());
        json.put("publish_rtt_ms", publisher.path("publish_rtt_ms"));
        json.put("measured_events", publisher.path("measured_events").asLong());
        // measured events received inside the window, after it (drain), and acknowledged but never
        json.put("deliveries", sums.get("deliveries"));
        // every event received while the window was open (warm-up ones included): the throughput
        json.put("window_deliveries", sums.get("window_deliveries"));
        json.put("late_deliveries", sums.get("late_deliveries"));
        json.put("never_delivered", sums.get("never_delivered"));
        json.put("expected_deliveries", sums.get("expected_deliveries"));
        // deliveries while the window was open, over the window: a server that falls behind shows it
        json.put("deliveries_per_s", ReportJson.round(sums.get("window_deliveries") / window, 1));
        // the wall-clock span over which the measured events arrived (window + how far behind the server fell)
        json.put("delivery_span_s", ReportJson.round(span, 3));
        json.put("lost", sums.get("lost"));
        json.put("duplicated", sums.get("duplicated"));
        json.put("out_of_order", sums.get("out_of_order"));
        json.put("gaps", sums.get("gaps"));
        if (reports.stream().anyMatch(r -> r.has("misrouted"))) {
            json.put("misrouted", sums.get("misrouted")); // a run of channels or filters: events past their audience
        }
        json.put("frames_per_conn_per_s", connections == 0 ? 0
                : ReportJson.round(sums.get("frames") / (double) connections / window, 2));
        long batchFrames = sums.get("batch_frames");
        json.put("batch_frames", batchFrames);
        json.put("items_per_batch", batchFrames == 0 ? 0 : ReportJson.round(sums.get("batch_items") / (double) batchFrames, 1));
        json.put("latency_ms", ReportJson.latency(latency));
        JsonNode server = publisher.path("server");
        if (server.isObject()) {
            ObjectNode copy = ((ObjectNode) server).deepCopy();
            if (serverRssBefore != null && connections > 0) {
                copy.put("rss_before_connect_bytes", serverRssBefore);
                copy.put("rss_per_connection_bytes", (server.path("rss_bytes").asLong() - serverRssBefore) / connections);
            } else {
                copy.remove("rss_per_connection_bytes");
            }
            json.put("server", copy);
        } else {
            json.put("server", null);
        }
        Map<String, Object> loadgen = new LinkedHashMap<>();
        loadgen.put("saturated", saturated);
        loadgen.put("cpu_percent", loadgenCpu);
        json.put("loadgen", loadgen);
        Map<String, Object> reconnect = reconnect(reports);
        if (reconnect != null) {
            json.put("reconnect", reconnect);
        }
        json.put("run", publisher.path("run"));
        return json;
    }
}
