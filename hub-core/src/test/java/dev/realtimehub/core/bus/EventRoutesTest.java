package dev.realtimehub.core.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventRoutesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", value = {
        "FORWARD_SUCCESS, stats, true",
        "STATS_REFRESHED, stats, true",
        "LOG_LINE, logs, true",
        "ALERT_DISK_FULL, alerts, null",
        "ERROR_DATABASE, alerts, null",
        "NOTIFICATION_NEW, notifications, null",
        "NOTIFY_USER, notifications, null",
        "RULE_CREATED, system, null",
        "FORWARD, system, null",
        "LOGIN, system, null"
    })
    void defaultsRouteByPrefixAsTheOldSystemDid(String name, String topic, Boolean throttle) {
        EventRoute route = EventRoutes.defaults().route(name);

        assertThat(route.topic()).isEqualTo(topic);
        assertThat(route.throttle()).isEqualTo(throttle);
    }

    @Test
    void firstMatchingRouteWins() {
        EventRoutes routes = EventRoutes.of(
                EventRoute.immediate("LOG_AUDIT_", "system"),
                EventRoute.throttled("LOG_", "logs"));

        assertThat(routes.route("LOG_AUDIT_LOGIN").topic()).isEqualTo("system");
        assertThat(routes.route("LOG_AUDIT_LOGIN").throttle()).isFalse();
        assertThat(routes.route("LOG_LINE").topic()).isEqualTo("logs");
    }

    @Test
    void anEmptyPrefixTakesEveryEventInsteadOfTheFallback() {
        EventRoutes routes = EventRoutes.of(EventRoute.of("ALERT_", "alerts"), EventRoute.of("", "rules"));

        assertThat(routes.route("ALERT_X").topic()).isEqualTo("alerts");
        assertThat(routes.route("ANYTHING").topic()).isEqualTo("rules");
        assertThat(EventRoutes.of().route("ANYTHING").topic()).isEqualTo(EventRoutes.FALLBACK_TOPIC);
    }

    @Test
    void prependPutsRoutesBeforeTheDefaults() {
        EventRoutes routes = EventRoutes.defaults().prepend(EventRoute.of("AUDIT_", "rules"));

        assertThat(routes.routes()).hasSize(EventRoutes.defaults().routes().size() + 1);
        assertThat(routes.route("AUDIT_LOGIN").topic()).isEqualTo("rules");
        assertThat(routes.route("LOG_LINE").topic()).isEqualTo("logs");
    }

    @Test
    void aRouteAnEarlierOneAlwaysShadowsIsRefused() {
        assertThatThrownBy(() -> EventRoutes.of(EventRoute.of("LOG_", "logs"), EventRoute.of("LOG_AUDIT_", "system")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bus.routes[1].prefix: 'LOG_AUDIT_' is never reached: bus.routes[0] ('LOG_') takes"
                        + " those events first");
        assertThatThrownBy(() -> EventRoutes.of(EventRoute.of("", "system"), EventRoute.of("LOG_", "logs")))
                .hasMessageStartingWith("bus.routes[1].prefix");
        assertThatThrownBy(() -> EventRoutes.defaults().prepend(EventRoute.of("LOG_", "system")))
                .as("the default LOG_ comes later and is shadowed").hasMessageStartingWith("bus.routes[3].prefix");
    }

    @Test
    void malformedRoutesAreRefusedNamingTheComponent() {
        assertThatThrownBy(() -> EventRoute.of("log_", "logs")).hasMessageStartingWith("prefix: expected [A-Z]");
        assertThatThrownBy(() -> EventRoute.of("1_", "logs")).hasMessageStartingWith("prefix:");
        assertThatThrownBy(() -> EventRoute.of(null, "logs")).hasMessageStartingWith("prefix:");
        assertThatThrownBy(() -> EventRoute.of("LOG_", "Logs")).hasMessageStartingWith("topic: expected a topic name");
        assertThatThrownBy(() -> EventRoute.of("LOG_", null)).hasMessageStartingWith("topic:");
        assertThatThrownBy(() -> EventRoutes.of(EventRoute.of("A_", "logs"), null))
                .hasMessage("bus.routes[1]: must not be null");
    }

    @Test
    void unknownTopicsAreReportedByTheirKey() {
        EventRoutes routes = EventRoutes.of(EventRoute.of("A_", "logs"), EventRoute.of("B_", "alerts"),
                EventRoute.of("C_", "x"));

        assertThatThrownBy(() -> routes.requireTopics(Set.of("logs", "alerts")::contains))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bus.routes[2].topic: unknown topic 'x'");
        routes.requireTopics(Set.of("logs", "alerts", "x")::contains);
    }

    @Test
    void routesWithTheSameEntriesAreEqual() {
        assertThat(EventRoutes.of(List.of(EventRoute.throttled("LOG_", "logs"))))
                .isEqualTo(EventRoutes.of(new EventRoute("LOG_", "logs", true)))
                .isNotEqualTo(EventRoutes.of(EventRoute.of("LOG_", "logs")));
    }
}
