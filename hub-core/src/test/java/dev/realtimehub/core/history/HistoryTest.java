package dev.realtimehub.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.api.Publication;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryTest {

    private static Event event(long seq, Map<String, ?> fields) {
        return Event.accept("t", seq, 0, Publication.of("e", fields));
    }

    @Test
    void ringKeepsTheLastNAndKnowsWhatItEvicted() {
        RingHistory ring = new RingHistory(3);
        for (long seq = 1; seq <= 5; seq++) {
            ring.append(event(seq, Map.of()));
        }
        assertThat(ring.size()).isEqualTo(3);
        assertThat(ring.slice(2, 99).complete()).isTrue();
        assertThat(ring.slice(2, 99).events()).extracting(Event::seq).containsExactly(3L, 4L, 5L);
        assertThat(ring.slice(1, 99).complete()).isFalse();
        assertThat(ring.slice(3, 4).events()).extracting(Event::seq).containsExactly(4L);
        assertThat(ring.slice(5, 99).events()).isEmpty();
    }

    @Test
    void emptyRingIsComplete() {
        assertThat(new RingHistory(3).slice(0, 10)).isEqualTo(new HistorySlice(List.of(), true));
    }

    @Test
    void zeroCapacityRingRecoversNothing() {
        RingHistory ring = new RingHistory(0);
        ring.append(event(1, Map.of()));
        assertThat(ring.slice(0, 10).complete()).isFalse();
        assertThat(ring.slice(1, 10).complete()).isTrue();
    }

    @Test
    void keyedHistoryKeepsTheLatestPerKeyInSeqOrder() {
        KeyedHistory state = new KeyedHistory(List.of("task_id"), 10);
        state.append(event(1, Map.of("task_id", "a")));
        state.append(event(2, Map.of("task_id", "b")));
        state.append(event(3, Map.of("task_id", "a")));
        assertThat(state.size()).isEqualTo(2);
        assertThat(state.slice(0, 99).events()).extracting(Event::seq).containsExactly(2L, 3L);
        assertThat(state.slice(2, 99).events()).extracting(Event::seq).containsExactly(3L);
        assertThat(state.slice(0, 2).events()).extracting(Event::seq).containsExactly(2L);
    }

    @Test
    void keyedHistoryEvictsTheLeastRecentlyUpdatedKey() {
        KeyedHistory state = new KeyedHistory(List.of("type", "event"), 2);
        state.append(event(1, Map.of("event", "x")));
        state.append(event(2, Map.of("event", "y")));
        state.append(event(3, Map.of("event", "z")));
        assertThat(state.size()).isEqualTo(2);
        assertThat(state.slice(0, 99).complete()).isFalse();
        assertThat(state.slice(1, 99).complete()).isTrue();
        assertThat(state.slice(1, 99).events()).extracting(Event::seq).containsExactly(2L, 3L);
    }
}
