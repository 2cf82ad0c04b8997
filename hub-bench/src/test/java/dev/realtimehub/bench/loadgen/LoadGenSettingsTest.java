package dev.realtimehub.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class LoadGenSettingsTest {

    @Test
    void theMeasuredWindowIsTheSeqsAfterTheWarmUp() {
        LoadGenSettings settings = LoadGenSettings.builder().rate(50).warmupSeconds(10).durationSeconds(30).build();

        assertThat(settings.totalEvents()).isEqualTo(2_000);
        assertThat(settings.firstMeasuredSeq()).isEqualTo(501);
        assertThat(settings.measuredEvents()).isEqualTo(1_500);
    }

    @Test
    void thePublishUrlDefaultsToTheWebSocketsHostAndPort() {
        LoadGenSettings settings = LoadGenSettings.builder()
                .webSocketUri(URI.create("ws://127.0.0.1:8100/api/ws/realtime")).build();

        assertThat(settings.publishUri()).isEqualTo(URI.create("http://127.0.0.1:8100/api/publish"));
    }

    @Test
    void aBadValueIsRefusedNamingItsOption() {
        assertThatThrownBy(() -> LoadGenSettings.builder().connections(LoadGenSettings.MAX_CONNECTIONS + 1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--connections:");
        assertThatThrownBy(() -> LoadGenSettings.builder().topic("Bench!").build())
                .hasMessageStartingWith("--topic:");
        assertThatThrownBy(() -> LoadGenSettings.builder().durationSeconds(0).build())
                .hasMessageStartingWith("--duration:");
    }
}
