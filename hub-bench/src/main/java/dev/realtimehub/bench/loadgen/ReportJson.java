package dev.realtimehub.bench.loadgen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.realtimehub.bench.netty.NettyTransport;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Renders a {@link LoadReport} as one JSON line: the figures a reader compares between runs, plus the latency histogram
 * itself (compressed, base64) so that several processes' reports merge into exact percentiles.
 *
 * <p>Stateless and thread-safe.
 */
final class ReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportJson() {
    }

    static String render(LoadReport report) {
        try {
            return MAPPER.writeValueAsString(tree(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> tree(LoadReport report) {
        LoadGenSettings settings = report.settings();
        Deliveries d = report.deliveries();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("target", settings.target());
        json.put("role", report.role());
        json.put("connections", report.connections());
        json.put("connect_failures", report.connect().failed());
        json.put("connect_seconds", round(report.connect().seconds(), 3));
        json.put("disconnects", d.disconnects());
        json.put("closed_4008", d.slowConsumerCloses());
        json.put("closes_by_code", closesJson(d.closesByCode()));
        if (report.publish() != null) {
            json.put("published", report.publish().published());
            json.put("publish_refused_503", report.publish().refused());
            json.put("publish_errors", report.publish().failed());
            json.put("publish_requests", report.publish().requests());
            json.put("publish_peak_in_flight", report.publish().peakInFlight());
            json.put("publish_rate_asked", settings.rate());
            // acknowledged events of the measured window per second, until the last of them was answered
            json.put("publish_rate_achieved", round(report.publish().achievedRate(), 1));
            json.put("publisher_max_lag_ms", round(report.publish().maxLagMs(), 3));
            // how long the server took to answer a publish: what makes a one-request-at-a-time publisher fall behind
            json.put("publish_rtt_ms", latency(report.publish().roundTripMicros()));
        }
        json.put("measured_events", settings.rate() > 0 ? settings.measuredEvents() : 0);
        json.put("window_seconds", settings.durationSeconds());
        // deliveries: measured events received inside the window; late: after it; never: acknowledged, not received
        json.put("deliveries", d.deliveries());
        json.put("window_deliveries", d.windowDeliveries());
        json.put("late_deliveries", d.lateDeliveries());
        json.put("never_delivered", d.neverDelivered());
        json.put("expected_deliveries", settings.rate() > 0 ? report.expectedDeliveries() : 0);
        json.put("deliveries_per_s", round(report.deliveriesPerSecond(), 1));
        // when the measured events arrived (in the window or late), epoch microseconds, comparable between processes
        json.put("first_measured_us", d.firstMeasuredMicros());
        json.put("last_measured_us", d.lastMeasuredMicros());
        json.put("lost", d.lost());
        json.put("duplicated", d.duplicated());
        json.put("out_of_order", d.outOfOrder());
        json.put("gaps", d.gaps());
        if (d.unexpectedSeqs() > 0) {
            json.put("unexpected_seqs", d.unexpectedSeqs());
        }
        if (settings.channels() > 0 || settings.filters() > 0 || d.misrouted() > 0) {
            // events a connection received of another channel or filter value: not deliveries, should be 0
            json.put("misrouted", d.misrouted());
        }
        json.put("frames", d.frames());
        json.put("batch_frames", d.batchFrames());
        json.put("batch_items", d.batchItems());
        json.put("items_per_batch", d.batchFrames() == 0 ? 0 : round((double) d.batchItems() / d.batchFrames(), 1));
        json.put("frames_per_conn_per_s", report.connections() == 0 ? 0
                : round(d.frames() / (double) report.connections() / settings.durationSeconds(), 2));
        json.put("latency_ms", latency(d.latencyMicros()));
        if (report.reconnects() != null) {
            Reconnects.Summary r = report.reconnects();
            Map<String, Object> reconnect = new LinkedHashMap<>();
            reconnect.put("disconnected", r.disconnected());
            reconnect.put("recovered", r.recovered());
            reconnect.put("not_recovered", r.notRecovered());
            reconnect.put("attempts_failed", r.attemptsFailed());
            reconnect.put("first_disconnect_us", r.firstDisconnectMicros());
            reconnect.put("last_resubscribed_us", r.lastResubscribedMicros());
            reconnect.put("max_downtime_s", round(r.maxDowntimeSeconds(), 3));
            json.put("reconnect", reconnect);
        }
        json.put("server", server(report));
        json.put("loadgen", loadgen(report));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("url", settings.webSocketUri().toString());
        run.put("topic", settings.topic());
        run.put("rate", settings.rate());
        run.put("payload", settings.payloadBytes());
        run.put("publish_batch", settings.publishBatch());
        run.put("max_in_flight", settings.maxInFlight());
        run.put("rcvbuf", settings.receiveBufferBytes());
        run.put("warmup", settings.warmupSeconds());
        run.put("duration", settings.durationSeconds());
        if (settings.channels() > 0) {
            run.put("channels", settings.channels());
        }
        if (settings.filters() > 0) {
            run.put("filters", settings.filters());
        }
        if (settings.channels() > 0 || settings.filters() > 0) {
            run.put("index_offset", settings.indexOffset());
        }
        json.put("run", run);
        if (report.connect().firstFailure() != null) {
            json.put("first_connect_failure", report.connect().firstFailure());
        }
        if (report.publish() != null && report.publish().firstError() != null) {
            json.put("first_publish_error", report.publish().firstError());
        }
        json.put("histogram", encode(d.latencyMicros()));
        return json;
    }

    /** Percentiles in milliseconds of a histogram of microseconds. */
    static Map<String, Object> latency(Histogram micros) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("p50", ms(micros.getValueAtPercentile(50)));
        json.put("p90", ms(micros.getValueAtPercentile(90)));
        json.put("p99", ms(micros.getValueAtPercentile(99)));
        json.put("p999", ms(micros.getValueAtPercentile(99.9)));
        json.put("max", ms(micros.getMaxValue()));
        json.put("count", micros.getTotalCount());
        return json;
    }

    private static Map<String, Object> server(LoadReport report) {
        List<WindowProbe.ServerWindow> servers = report.servers();
        if (servers.isEmpty()) {
            return null;
        }
        double cpu = 0;
        long rss = 0;
        long peak = 0;
        long before = 0;
        List<Long> pids = new ArrayList<>();
        for (WindowProbe.ServerWindow server : servers) {
            pids.add(server.pid());
            cpu += server.cpuSeconds();
            rss += server.rssBytes();
            peak += server.rssPeakBytes();
            before += server.rssBeforeConnectBytes();
        }
        double seconds = servers.get(0).seconds();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pid", pids.get(0));
        if (pids.size() > 1) {
            json.put("pids", pids);
        }
        json.put("cpu_seconds", round(cpu, 2));
        json.put("cpu_percent", seconds > 0 ? round(100 * cpu / seconds, 1) : 0);
        json.put("rss_bytes", rss);
        json.put("rss_peak_bytes", peak);
        json.put("rss_before_connect_bytes", before);
        if (report.connections() > 0 && before > 0) {
            json.put("rss_per_connection_bytes", (rss - before) / report.connections());
        }
        if (!report.heap().isEmpty() || report.heapError() != null) {
            json.put("heap", heap(report.heap(), report.heapError()));
        }
        return json;
    }

    private static Map<String, Object> heap(List<HeapSampler.Sample> samples, String error) {
        Map<String, Object> json = new LinkedHashMap<>();
        List<List<Object>> rows = new ArrayList<>();
        for (HeapSampler.Sample s : samples) {
            rows.add(List.of(round(s.seconds(), 1), s.usedBytes(), s.oldUsedBytes(), s.youngGcs(), s.fullGcs(),
                    s.afterFullGc()));
        }
        json.put("columns", List.of("seconds", "used_bytes", "old_used_bytes", "young_gcs", "full_gcs",
                "after_full_gc"));
        json.put("samples", rows);
        if (!samples.isEmpty()) {
            json.put("old_used_first_bytes", samples.get(0).oldUsedBytes());
            json.put("old_used_last_bytes", samples.get(samples.size() - 1).oldUsedBytes());
            json.put("used_max_bytes", samples.stream().mapToLong(HeapSampler.Sample::usedBytes).max().orElse(0));
            // the live heap at the start and at the end of the window: the old generation right after a full
            // collection, which leaves every live object there (the young generation in use at that sample is
            // what the server allocated in the moment between the collection and jstat)
            List<HeapSampler.Sample> live = samples.stream().filter(HeapSampler.Sample::afterFullGc).toList();
            if (live.size() >= 2) {
                json.put("live_start_bytes", live.get(0).oldUsedBytes());
                json.put("live_end_bytes", live.get(live.size() - 1).oldUsedBytes());
            }
        }
        if (error != null) {
            json.put("error", error);
        }
        return json;
    }

    private static Map<String, Object> loadgen(LoadReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pid", ProcessHandle.current().pid());
        WindowProbe.SelfWindow self = report.self();
        json.put("cpu_seconds", self == null ? null : round(self.cpuSeconds(), 2));
        json.put("cpu_percent", self == null || self.seconds() == 0 ? null : round(100 * self.cpuSeconds() / self.seconds(), 1));
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("saturated", report.saturated());
        json.put("epoll", NettyTransport.isEpoll());
        return json;
    }

    /** The histogram compressed and base64-encoded (HdrHistogram's own format). */
    static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
    }

    /** The histogram of {@link #encode}. */
    static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (java.util.zip.DataFormatException e) {
            throw new IllegalArgumentException("not an encoded histogram", e);
        }
    }

    private static double ms(long micros) {
        return round(micros / 1000.0, 3);
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** The disconnects by close code, keyed by the code as text ({@code none}: no close frame). */
    static Map<String, Object> closesJson(Map<Integer, Long> closesByCode) {
        Map<String, Object> json = new LinkedHashMap<>();
        closesByCode.forEach((code, count) -> json.put(code < 0 ? "none" : Integer.toString(code), count));
        return json;
    }
}
