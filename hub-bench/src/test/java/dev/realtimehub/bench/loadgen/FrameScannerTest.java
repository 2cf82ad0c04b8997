package dev.realtimehub.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameScannerTest {

    private static final PayloadFactory PAYLOAD = new PayloadFactory("bench", "bench", 200);

    @Test
    void tellsTheKindOfEachServerFrame() {
        assertThat(kind("{\"type\":\"connected\",\"client_id\":\"x\"}")).isEqualTo(FrameScanner.Kind.CONNECTED);
        assertThat(kind("{\"type\":\"subscription\",\"topic\":\"bench\",\"success\":true,\"seq\":0}"))
                .isEqualTo(FrameScanner.Kind.SUBSCRIBED);
        assertThat(kind("{\"type\":\"subscription\",\"topic\":\"nope\",\"success\":false,\"error\":\"Unknown\"}"))
                .isEqualTo(FrameScanner.Kind.REFUSED);
        assertThat(kind("{\"type\":\"gap\",\"topic\":\"bench\",\"from\":3,\"to\":9}")).isEqualTo(FrameScanner.Kind.GAP);
        assertThat(kind("{\"type\":\"batch\",\"topic\":\"logs\",\"count\":2,\"items\":[]}"))
                .isEqualTo(FrameScanner.Kind.BATCH);
        assertThat(kind("{\"type\":\"pong\"}")).isEqualTo(FrameScanner.Kind.CONTROL);
        assertThat(kind("{\"type\":\"event\",\"topic\":\"system\",\"seq\":1}")).isEqualTo(FrameScanner.Kind.EVENT);
        assertThat(kind("{\"type\":\"bench\",\"topic\":\"bench\",\"seq\":1}")).isEqualTo(FrameScanner.Kind.EVENT);
    }

    @Test
    void readsTheSeqAndPublishTimeOfAHubEvent() {
        String published = PAYLOAD.event(42, 1_768_485_900_123_456L);
        String frame = "{\"type\":\"bench\",\"topic\":\"bench\",\"seq\":7," + published.substring(published.indexOf(
                "\"bench_seq\""), published.length() - 1) + ",\"timestamp\":\"2026-01-15T14:05:00.123Z\"}";

        assertThat(items(frame)).containsExactly(new long[] {42, 1_768_485_900_123_456L});
    }

    @Test
    void readsEveryItemOfABatchInOrder() {
        String frame = "{\"type\":\"batch\",\"topic\":\"logs\",\"count\":3,\"items\":["
                + "{\"type\":\"log\",\"seq\":1,\"bench_seq\":5,\"bench_ts\":100,\"message\":\"xx\"},"
                + "{\"type\":\"log\",\"seq\":2,\"level\":\"info\",\"message\":\"the hub's own line\"},"
                + "{\"type\":\"log\",\"seq\":3,\"bench_seq\":6,\"bench_ts\":200,\"message\":\"xx\"}"
                + "],\"timestamp\":\"2026-01-15T14:05:00.123Z\"}";

        assertThat(items(frame)).containsExactly(new long[] {5, 100}, new long[] {6, 200});
    }

    @Test
    void findsNothingInFramesThatAreNotTheBenchmarks() {
        assertThat(items("{\"type\":\"stats_update\",\"topic\":\"stats\",\"seq\":3,\"data\":{\"bench_seq\":\"no\"}}"))
                .isEmpty();
        assertThat(items("{\"type\":\"x\",\"bench_seq\":4}")).isEmpty();
    }

    @Test
    void hintsFromEarlierFramesFindTheSameItemsAsAScan() {
        FrameScanner.Hints hints = new FrameScanner.Hints();
        List<long[]> seen = new ArrayList<>();
        // the same layout frame after frame, then a frame laid out differently: the stale hint must not mislead
        for (long seq = 98; seq <= 102; seq++) {
            seen.addAll(hinted(eventFrame(7 + seq, seq), 1, hints));
        }
        seen.addAll(hinted("{\"type\":\"bench\",\"topic\":\"bench\",\"extra\":\"shifts everything\","
                + "\"bench_seq\":103,\"bench_ts\":1000103}", 1, hints));

        assertThat(seen).extracting(item -> item[0]).containsExactly(98L, 99L, 100L, 101L, 102L, 103L);
    }

    @Test
    void batchStrideGuessesNeverSkipOrRepeatItems() {
        FrameScanner.Hints hints = new FrameScanner.Hints();
        String uniform = batch(List.of(event(1), event(2), event(3), event(4)));
        // items of other lengths in between: a guess from the uniform batch's stride lands wrong and the scan takes over
        String mixed = batch(List.of(event(5), "{\"type\":\"log\",\"message\":\"short\"}", event(6), event(7),
                "{\"type\":\"log\",\"message\":\"" + "m".repeat(400) + "\"}", event(8)));

        assertThat(hinted(uniform, Integer.MAX_VALUE, hints)).extracting(item -> item[0])
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(hinted(mixed, Integer.MAX_VALUE, hints)).extracting(item -> item[0])
                .containsExactly(5L, 6L, 7L, 8L);
    }

    private static String event(long benchSeq) {
        String published = PAYLOAD.event(benchSeq, 1_000_000L + benchSeq);
        return "{\"type\":\"log\",\"seq\":" + (500 + benchSeq) + ","
                + published.substring(published.indexOf("\"bench_seq\""));
    }

    private static String eventFrame(long hubSeq, long benchSeq) {
        return "{\"type\":\"bench\",\"topic\":\"bench\",\"seq\":" + hubSeq + ",\"data\":"
                + PAYLOAD.event(benchSeq, 1_000_000L + benchSeq) + "}";
    }

    private static String batch(List<String> items) {
        return "{\"type\":\"batch\",\"topic\":\"logs\",\"count\":" + items.size() + ",\"items\":["
                + String.join(",", items) + "]}";
    }

    private static List<long[]> hinted(String json, int maxItems, FrameScanner.Hints hints) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        // the frame sits inside a bigger read, as it does on the wire
        ByteBuf buf = Unpooled.directBuffer().writeBytes(new byte[] {1, 2, 3}).writeBytes(bytes).writeByte(9);
        try {
            List<long[]> items = new ArrayList<>();
            FrameScanner.forEachItem(buf, 3, 3 + bytes.length, maxItems, hints, (seq, ts, sent) -> {
                assertThat(ts).isEqualTo(1_000_000L + seq);
                items.add(new long[] {seq, ts});
            });
            return items;
        } finally {
            buf.release();
        }
    }

    private static FrameScanner.Kind kind(String json) {
        ByteBuf buf = Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
        try {
            return FrameScanner.kind(buf);
        } finally {
            buf.release();
        }
    }

    private static List<long[]> items(String json) {
        ByteBuf buf = Unpooled.directBuffer().writeBytes(json.getBytes(StandardCharsets.UTF_8));
        try {
            List<long[]> items = new ArrayList<>();
            int count = FrameScanner.forEachItem(buf, (seq, ts, sent) -> items.add(new long[] {seq, ts}));
            assertThat(count).isEqualTo(items.size());
            return items;
        } finally {
            buf.release();
        }
    }
}
