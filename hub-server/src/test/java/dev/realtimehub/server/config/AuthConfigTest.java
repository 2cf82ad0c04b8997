package dev.realtimehub.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code auth.jwt.*} keys read like every other key: file, environment, default, and errors naming the key. */
class AuthConfigTest {

    @TempDir
    Path dir;

    @Test
    void tokensNeedAnExpUnlessRequireExpIsTurnedOff() throws Exception {
        Path file = dir.resolve("hub.yaml");
        Files.writeString(file, "auth:\n  jwt:\n    require-exp: false\n");

        assertThat(ConfigLoader.load(null, Map.of(), Map.of()).security().jwtRequireExp()).isTrue();
        assertThat(ConfigLoader.load(file, Map.of(), Map.of()).security().jwtRequireExp()).isFalse();
        assertThat(ConfigLoader.load(null, Map.of("HUB_AUTH_JWT_REQUIRE_EXP", "no"), Map.of()).security().jwtRequireExp())
                .isFalse();
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HUB_AUTH_JWT_REQUIRE_EXP", "sometimes"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("environment variable HUB_AUTH_JWT_REQUIRE_EXP: expected true or false but was 'sometimes'");
    }
}
