package dev.realtimehub.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.core.testing.DirectLane;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaneOutboxTest {

    /** Records offers and flushes as one log. */
    private static final class Log implements Recipient {
        final List<String> entries = new ArrayList<>();
        private boolean dirty;

        @Override
        public boolean offer(int topicIndex, Frame frame) {
            entries.add("write " + frame);
            boolean first = !dirty;
            dirty = true;
            return first;
        }

        @Override
        public void flush() {
            dirty = false;
            entries.add("flush");
        }
    }

    private static Frame frame(int n) {
        return new Frame(String.valueOf(n).getBytes(StandardCharsets.UTF_8), n, n, null);
    }

    @Test
    void aTaskQueuedAfterFramesRunsOnceTheyAreWrittenAndFlushedEvenAcrossSeveralDrains() {
        DirectLane lane = new DirectLane();
        LaneOutbox outbox = new LaneOutbox(lane, 1, null);
        Log recipient = new Log();
        Recipient[] recipients = {recipient};
        int frames = LaneOutbox.MAX_ITEMS_PER_DRAIN * 2 + 10; // more than one drain task writes
        lane.pause();
        for (int i = 1; i <= frames; i++) {
            outbox.enqueue(0, frame(i), recipients);
        }
        outbox.afterQueued(() -> recipient.entries.add("task"));
        outbox.enqueue(0, frame(frames + 1), recipients);
        lane.resume();

        int task = recipient.entries.indexOf("task");
        assertThat(recipient.entries.subList(0, task)).filteredOn(e -> e.startsWith("write")).hasSize(frames);
        assertThat(recipient.entries.get(task - 1)).as("flushed before the task").isEqualTo("flush");
        assertThat(recipient.entries.get(task + 1)).isEqualTo("write " + (frames + 1));
        assertThat(outbox.counters().addLatency(new long[LaneCounters.LATENCY_BOUNDS_NANOS.length + 1]))
                .isNotNegative();
    }
}
