package dev.realtimehub.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.core.testing.DirectLane;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import dev.realtimehub.core.api.Frame;

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

    /** Records every recipient's offers and flushes in one shared log, to see the order of the visits. */
    private static final class Shared implements Recipient {
        final String name;
        final List<String> log;
        private boolean dirty;

        Shared(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        @Override
        public boolean offer(int topicIndex, Frame frame) {
            log.add(name + frame);
            boolean first = !dirty;
            dirty = true;
            return first;
        }

        @Override
        public void flush() {
            dirty = false;
            log.add(name + " flush");
        }
    }

    @Test
    void framesForTheSameRecipientsAreWrittenConnectionByConnectionEachFlushedOnce() {
        DirectLane lane = new DirectLane();
        LaneOutbox outbox = new LaneOutbox(lane, 2, null);
        List<String> log = new ArrayList<>();
        Shared a = new Shared("a", log);
        Shared b = new Shared("b", log);
        Shared c = new Shared("c", log);
        Recipient[] topic0 = {a, b};
        Recipient[] topic1 = {b, c};
        lane.pause();
        outbox.enqueue(0, frame(1), topic0);
        outbox.enqueue(0, frame(2), topic0);
        outbox.enqueue(0, frame(3), topic0);
        outbox.enqueue(1, frame(4), topic1); // other recipients: a new run
        outbox.enqueue(0, frame(5), topic0, 1); // the same array but a shorter prefix: a new run too
        lane.resume();

        assertThat(log).containsExactly("a1", "a2", "a3", "b1", "b2", "b3", "b4", "c4", "a5",
                "a flush", "b flush", "c flush");
    }

    @Test
    void aRunEndsPastItsByteBound() {
        DirectLane lane = new DirectLane();
        LaneOutbox outbox = new LaneOutbox(lane, 1, null);
        List<Integer> runs = new ArrayList<>();
        Recipient recipient = new Recipient() {
            @Override
            public boolean offer(int topicIndex, Frame frame) {
                return false;
            }

            @Override
            public boolean offerRun(int topicIndex, Frame[] frames, int count) {
                runs.add(count);
                return false;
            }

            @Override
            public void flush() {
            }
        };
        Recipient[] recipients = {recipient};
        byte[] json = new byte[1000];
        int frames = 3 * LaneOutbox.MAX_RUN_BYTES / json.length;
        lane.pause();
        for (int i = 1; i <= frames; i++) {
            outbox.enqueue(0, new Frame(json, i, i, null), recipients);
        }
        lane.resume();

        int perRun = (LaneOutbox.MAX_RUN_BYTES + json.length - 1) / json.length;
        assertThat(runs).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(perRun));
        assertThat(runs.stream().mapToInt(Integer::intValue).sum()).isEqualTo(frames);
    }

    @Test
    void aTaskBetweenFramesOfOneTopicSplitsTheirRun() {
        DirectLane lane = new DirectLane();
        LaneOutbox outbox = new LaneOutbox(lane, 1, null);
        List<String> log = new ArrayList<>();
        Recipient[] recipients = {new Shared("a", log), new Shared("b", log)};
        lane.pause();
        outbox.enqueue(0, frame(1), recipients);
        outbox.afterQueued(() -> log.add("task"));
        outbox.enqueue(0, frame(2), recipients);
        lane.resume();

        assertThat(log).containsExactly("a1", "b1", "a flush", "b flush", "task", "a2", "b2", "a flush", "b flush");
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
