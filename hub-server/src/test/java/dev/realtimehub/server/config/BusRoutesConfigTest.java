package dev.realtimehub.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtimehub.core.bus.EventRoute;
import dev.realtimehub.core.bus.EventRoutes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BusRoutesConfigTest {

    @Test
    void withoutBusRoutesTheOldSystemsRoutesApply() {
        assertThat(ConfigLoader.load(null, Map.of(), Map.of()).busRoutes()).isEqualTo(EventRoutes.defaults());
    }

    @Test
    void theEnvironmentVariableTakesACompactList() {
        HubConfig config = ConfigLoader.load(null,
                Map.of("HUB_BUS_ROUTES", "FORWARD_=stats:throttle, LOG_=logs:throttle,ALERT_=alerts,NOW_=system:immediate"),
                Map.of());

        assertThat(config.busRoutes()).isEqualTo(EventRoutes.of(
                EventRoute.throttled("FORWARD_", "stats"),
                EventRoute.throttled("LOG_", "logs"),
                EventRoute.of("ALERT_", "alerts"),
                EventRoute.immediate("NOW_", "system")));
    }

    @Test
    void yamlTakesMappingsAndCompactItemsAndTheEnvironmentBeatsTheFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("hub.yaml"), String.join("\n",
                "bus:",
                "  routes:",
                "    - {prefix: FORWARD_, topic: stats, throttle: true}",
                "    - {prefix: ERROR_, topic: alerts, throttle: false}",
                "    - prefix: \"\"",
                "      topic: rules",
                ""));

        assertThat(ConfigLoader.load(file, Map.of(), Map.of()).busRoutes()).isEqualTo(EventRoutes.of(
                EventRoute.throttled("FORWARD_", "stats"),
                EventRoute.immediate("ERROR_", "alerts"),
                EventRoute.of("", "rules")));
        assertThat(ConfigLoader.load(file, Map.of("HUB_BUS_ROUTES", "X_=logs"), Map.of()).busRoutes())
                .isEqualTo(EventRoutes.of(EventRoute.of("X_", "logs")));
    }

    @Test
    void aRouteToADeclaredTopicIsAccepted() {
        HubConfig config = ConfigLoader.load(null,
                Map.of("HUB_TOPICS_AUDIT_HISTORY", "10", "HUB_BUS_ROUTES", "AUDIT_=audit"), Map.of());

        assertThat(config.busRoutes().route("AUDIT_LOGIN").topic()).isEqualTo("audit");
    }

    @Test
    void badRoutesAreReportedByTheVariableAndTheEntry() {
        assertBad("FORWARD_=stats,LOG_=logs,AUDIT_=x", "(bus.routes[2].topic): unknown topic 'x'");
        assertBad("FORWARD_stats", "(bus.routes[0]): expected PREFIX=TOPIC");
        assertBad("ALERT_=alerts,LOG_=job:1:later", "(bus.routes[1].throttle): expected throttle or immediate");
        // one colon with a key after it is a channel: logs has none
        assertBad("ALERT_=alerts,LOG_=logs:later", "(bus.routes[1].topic): unknown topic 'logs:later'");
        assertBad("log_=logs", "(bus.routes[0].prefix): expected [A-Z][A-Z0-9_]*");
        assertBad("LOG_=Logs", "(bus.routes[0].topic): expected a topic name");
        assertBad("LOG_=logs,LOG_AUDIT_=system", "(bus.routes[1].prefix): 'LOG_AUDIT_' is never reached");
    }

    @Test
    void badYamlRoutesAreReportedByTheirKey(@TempDir Path dir) throws IOException {
        assertBadYaml(dir, "    - {prefix: LOG_, topic: logs, throtle: true}", "bus.routes[0].throtle: unknown key");
        assertBadYaml(dir, "    - {topic: logs}", "bus.routes[0].prefix: expected a prefix");
        assertBadYaml(dir, "    - {prefix: LOG_}", "bus.routes[0].topic: expected a topic name but was missing");
        assertBadYaml(dir, "    - {prefix: LOG_, topic: logs, throttle: maybe}",
                "bus.routes[0].throttle: expected true or false");
        assertBadYaml(dir, "    - 7", "bus.routes[0]: expected {prefix, topic, throttle}");
    }

    private static void assertBad(String env, String entry) {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HUB_BUS_ROUTES", env), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("environment variable HUB_BUS_ROUTES " + entry);
    }

    private static void assertBadYaml(Path dir, String item, String message) throws IOException {
        Path file = Files.writeString(dir.resolve("hub.yaml"), "bus:\n  routes:\n" + item + "\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(message);
    }
}
