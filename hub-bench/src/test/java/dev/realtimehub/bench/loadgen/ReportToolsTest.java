package dev.realtimehub.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The small parsers and the merge behind a report: ss, jstat, the histogram encoding, several processes' lines. */
class ReportToolsTest {

    @Test
    void findsThePidInSsOutput() {
        String ss = "LISTEN 0      4096   [::ffff:127.0.0.1]:8000  *:*    users:((\"java\",pid=4242,fd=17))";

        assertThat(ServerPidFinder.parse(ss)).contains(4242L);
        assertThat(ServerPidFinder.parse("")).isEmpty();
    }

    @Test
    void readsHeapFiguresFromJstat() {
        String jstat = """
                    S0C         S1C         S0U         S1U          EC           EU           OC           OU          MC         MU       CCSC      CCSU     YGC     YGCT     FGC    FGCT     CGC    CGCT       GCT
                        0.0      4096.0         0.0      4096.0      90112.0      12288.0      167936.0      51200.5     32000.0    31000.0    4000.0    3500.0     12     0.100     0     0.000     4     0.010     0.110
                """;

        HeapSampler.Sample sample = HeapSampler.parse(jstat, 1.5, false);

        assertThat(sample.oldUsedBytes()).isEqualTo((long) (51200.5 * 1024));
        assertThat(sample.usedBytes()).isEqualTo((long) ((4096.0 + 12288.0 + 51200.5) * 1024));
        assertThat(sample.youngGcs()).isEqualTo(12);
        assertThat(sample.fullGcs()).isZero();
    }

    @Test
    void aHistogramSurvivesItsEncoding() {
        Histogram histogram = new Histogram(LoopTally.HIGHEST_MICROS, 3);
        histogram.recordValue(1_500);
        histogram.recordValue(250_000);

        Histogram decoded = ReportJson.decode(ReportJson.encode(histogram));

        assertThat(decoded.getTotalCount()).isEqualTo(2);
        assertThat(decoded.getMaxValue()).isEqualTo(histogram.getMaxValue());
    }

    @Test
    void mergingSumsCountsAndTakesTheServerFromThePublisher() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Histogram slow = new Histogram(LoopTally.HIGHEST_MICROS, 3);
        slow.recordValue(9_000);
        Histogram fast = new Histogram(LoopTally.HIGHEST_MICROS, 3);
        fast.recordValue(1_000);
        JsonNode holder = mapper.readTree("""
                {"role":"holder","connections":3,"deliveries":30,"window_deliveries":45,"late_deliveries":6,"lost":1,"window_seconds":10.0,
                 "frames":30,"closed_4008":2,"closes_by_code":{"4008":2,"none":1},
                 "loadgen":{"saturated":true,"cpu_percent":95.0},"histogram":"%s"}
                """.formatted(ReportJson.encode(slow)));
        JsonNode publisher = mapper.readTree("""
                {"role":"publisher","target":"hub","connections":2,"deliveries":20,"window_deliveries":25,"lost":0,"published":10,
                 "publish_refused_503":3,"publish_rate_asked":50.0,"publish_rate_achieved":40.0,
                 "window_seconds":10.0,"frames":20,"server":{"pid":7,"rss_bytes":6000},"closes_by_code":{"none":4},
                 "loadgen":{"saturated":false,"cpu_percent":40.0},"histogram":"%s"}
                """.formatted(ReportJson.encode(fast)));

        Map<String, Object> summary = MergeCommand.merge(List.of(holder, publisher), 4.5, 1_000L);

        assertThat(summary).containsEntry("connections", 5L).containsEntry("deliveries", 50L)
                .containsEntry("lost", 1L).containsEntry("published", 10L).containsEntry("connect_seconds", 4.5)
                .containsEntry("window_deliveries", 70L).containsEntry("deliveries_per_s", 7.0).containsEntry("target", "hub")
                .containsEntry("late_deliveries", 6L).containsEntry("closed_4008", 2L)
                .containsEntry("publish_refused_503", 3L).containsEntry("publish_rate_achieved", 40.0);
        JsonNode merged = mapper.valueToTree(summary);
        assertThat(merged.path("latency_ms").path("count").asLong()).isEqualTo(2);
        assertThat(merged.path("latency_ms").path("max").asDouble()).isBetween(8.9, 9.1);
        assertThat(merged.path("server").path("pid").asLong()).isEqualTo(7);
        assertThat(merged.path("server").path("rss_per_connection_bytes").asLong()).isEqualTo(1_000);
        assertThat(merged.path("loadgen").path("saturated").asBoolean()).isTrue();
        assertThat(merged.path("closes_by_code").path("none").asLong()).isEqualTo(5);
        assertThat(merged.path("closes_by_code").path("4008").asLong()).isEqualTo(2);
    }

    @Test
    void disconnectsAreReportedByCloseCode() {
        assertThat(ReportJson.closesJson(new java.util.TreeMap<>(Map.of(-1, 2L, 1001, 3L, 4008, 1L))))
                .containsExactly(Map.entry("none", 2L), Map.entry("1001", 3L), Map.entry("4008", 1L));
    }
}
