package dev.realtimehub.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static final Publication TRICKY = Publication.builder("say \"seq\":0, hi")
            .field("user_id", "alice").field("text", "\"seq\":0,").field("n", 3).throttle(true).build();

    @Test
    void aTemplateSplicedWithASeqIsTheEventItself() {
        String[] template = Event.template("logs", 1_700_000_000_123L, TRICKY);
        Event accepted = Event.accept("logs", 42, 1_700_000_000_123L, TRICKY);
        assertThat(template[0] + 42 + template[1]).isEqualTo(new String(accepted.frame().json(), StandardCharsets.UTF_8));
    }

    @Test
    void decodingKeepsTheBytesAndReadsTheFieldsBack() {
        Event accepted = Event.accept("logs", 42, 1_700_000_000_123L, TRICKY);
        Event decoded = Event.decode(accepted.frame().json(), true);
        assertThat(decoded.frame().json()).isSameAs(accepted.frame().json());
        assertThat(decoded.seq()).isEqualTo(42);
        assertThat(decoded.topic()).isEqualTo("logs");
        assertThat(decoded.type()).isEqualTo("say \"seq\":0, hi");
        assertThat(decoded.userId()).isEqualTo("alice");
        assertThat(decoded.throttle()).isTrue();
        assertThat(decoded.timestampMillis()).isEqualTo(1_700_000_000_123L);
        assertThat(decoded.fields()).containsOnlyKeys("user_id", "text", "n");
    }

    @Test
    void somethingElseIsRefused() {
        assertThatThrownBy(() -> Event.decode("{\"type\":\"x\"}".getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Event.decode("nope".getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Event.decode(Event.accept("t", 1, 0, Publication.of("x", Map.of())).frame().json(), null).seq())
                .isEqualTo(1);
    }
}
