package dev.realtimehub.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleConfigTest {

    @Test
    void theShippedSampleLoadsAndMatchesTheDefaults() {
        HubConfig sample = ConfigLoader.load(Path.of("../config/realtime-hub.sample.yaml"), Map.of(), Map.of());
        HubConfig defaults = ConfigLoader.load(null, Map.of(), Map.of());
        assertThat(sample.transport()).isEqualTo(defaults.transport());
        assertThat(sample.security()).isEqualTo(defaults.security());
        assertThat(sample.limits()).isEqualTo(defaults.limits());
        assertThat(sample.shutdownGraceMs()).isEqualTo(defaults.shutdownGraceMs());
        assertThat(sample.operations()).isEqualTo(defaults.operations());
        assertThat(sample.console()).isEqualTo(defaults.console());
    }
}
