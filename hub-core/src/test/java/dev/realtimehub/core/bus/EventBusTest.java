package dev.realtimehub.core.bus;

import dev.realtimehub.core.spi.ConnectionInbound;
import dev.realtimehub.core.auth.Identity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.connection.Connection;
import dev.realtimehub.core.testing.DirectLane;
import dev.realtimehub.core.testing.ManualTime;
import dev.realtimehub.core.testing.RecordingPublisher;
import dev.realtimehub.core.testing.RecordingSession;
import dev.realtimehub.core.topics.TopicConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class EventBusTest {

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final EventBus bus = new EventBus(publisher, EventRoutes.defaults());

    @Test
    void emitPublishesAnEventWithItsNameAndData() {
        bus.emit("FORWARD_SUCCESS", Map.of("rule_id", 7));

        RecordingPublisher.Published published = publisher.single();
        assertThat(published.topic()).isEqualTo("stats");
        Publication publication = published.publication();
        assertThat(publication.type()).isEqualTo("event");
        assertThat(publication.fields()).containsExactly(Map.entry("event", "FORWARD_SUCCESS"),
                Map.entry("data", Map.of("rule_id", 7)));
        assertThat(publication.throttle()).isTrue();
    }

    @Test
    void emitWithoutDataSendsDataNull() {
        bus.emit("SYSTEM_READY");

        assertThat(publisher.single().publication().fields()).containsEntry("data", null).hasSize(2);
    }

    @Test
    void eachEventFollowsItsRouteAndItsThrottleChoice() {
        bus.emit("LOG_LINE", "x");
        bus.emit("ERROR_DB", "x");
        bus.emit("NOTIFY_USER", "x");
        bus.emit("RULE_CREATED", "x");

        assertThat(publisher.published()).extracting(RecordingPublisher.Published::topic)
                .containsExactly("logs", "alerts", "notifications", "system");
        assertThat(publisher.published()).extracting(p -> p.publication().throttle())
                .containsExactly(true, null, null, null);
    }

    @Test
    void customRoutesAreUsedInOrder() {
        EventBus custom = new EventBus(publisher, EventRoutes.of(
                EventRoute.immediate("LOG_AUDIT_", "system"), EventRoute.throttled("LOG_", "logs")));

        custom.emit("LOG_AUDIT_LOGIN", null);
        custom.emit("LOG_LINE", null);
        custom.emit("OTHER", null);

        assertThat(publisher.published()).extracting(RecordingPublisher.Published::topic)
                .containsExactly("system", "logs", "system");
        assertThat(publisher.published()).extracting(p -> p.publication().throttle())
                .containsExactly(false, true, null);
    }

    @Test
    void namesThatBreakTheRuleAreRefusedAndNothingHappens() {
        List<String> heard = new ArrayList<>();
        bus.on("*", (name, data) -> heard.add(name));

        for (String bad : new String[] {"forward_success", "1_EVENT", "_X", "", "LOG-LINE", "A".repeat(129)}) {
            assertThatThrownBy(() -> bus.emit(bad, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("name: expected [A-Z][A-Z0-9_]*");
        }
        assertThatThrownBy(() -> bus.emit(null, null)).hasMessageEndingWith("but was null");
        assertThat(publisher.published()).isEmpty();
        assertThat(heard).isEmpty();
    }

    @Test
    void routeNamesTheTopicEmitPublishesOnAndRefusesWhatEmitRefuses() {
        for (String name : new String[] {"FORWARD_SUCCESS", "LOG_LINE", "ALERT_DISK", "RULE_CREATED", "A".repeat(128)}) {
            bus.emit(name, null);
            List<RecordingPublisher.Published> published = publisher.published();
            assertThat(bus.route(name).topic()).as(name).isEqualTo(published.get(published.size() - 1).topic());
            assertThat(EventBus.isValidName(name)).isTrue();
        }
        assertThat(bus.route("LOG_LINE")).isEqualTo(EventRoute.throttled("LOG_", "logs"));
        for (String bad : new String[] {"forward_success", "_X", "", "A".repeat(129)}) {
            assertThat(EventBus.isValidName(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> bus.route(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("name: expected [A-Z][A-Z0-9_]* (at most 128 characters) but was '");
        }
        assertThat(EventBus.isValidName(null)).isFalse();
    }

    @Test
    void listenersHearTheNamesTheirPatternTakes() {
        List<String> exact = new ArrayList<>();
        List<String> prefix = new ArrayList<>();
        List<String> all = new ArrayList<>();
        bus.on("RULE_CREATED", (name, data) -> exact.add(name + "=" + data));
        bus.on("LOG_*", (name, data) -> prefix.add(name));
        bus.on("*", (name, data) -> all.add(name));

        bus.emit("RULE_CREATED", 7);
        bus.emit("RULE_CREATED_TWICE", 8);
        bus.emit("LOG_LINE", null);
        bus.emit("LOGIN", null);

        assertThat(exact).containsExactly("RULE_CREATED=7");
        assertThat(prefix).containsExactly("LOG_LINE");
        assertThat(all).containsExactly("RULE_CREATED", "RULE_CREATED_TWICE", "LOG_LINE", "LOGIN");
    }

    @Test
    void listenersRunOnTheEmittingThreadAfterThePublish() {
        List<String> seen = new ArrayList<>();
        bus.on("*", (name, data) -> seen.add(Thread.currentThread().getName() + " after "
                + publisher.published().size() + " publish"));

        bus.emit("X", null);

        assertThat(seen).containsExactly(Thread.currentThread().getName() + " after 1 publish");
    }

    @Test
    void closingASubscriptionStopsItsListener() {
        List<String> heard = new ArrayList<>();
        BusSubscription subscription = bus.on("*", (name, data) -> heard.add(name));

        bus.emit("ONE", null);
        subscription.close();
        subscription.close();
        bus.emit("TWO", null);

        assertThat(heard).containsExactly("ONE");
        assertThat(bus.listenerCount()).isZero();
        assertThat(publisher.published()).hasSize(2);
    }

    @Test
    void aThrowingListenerBreaksNeitherEmitNorOtherListeners() {
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        List<String> attempts = new ArrayList<>();
        bus.on("*", (name, data) -> before.add(name));
        bus.on("*", (name, data) -> {
            attempts.add(name);
            throw new IllegalStateException("listener bug");
        });
        bus.on("*", (name, data) -> after.add(name));

        assertThat(bus.emit("ONE", null).join()).isEqualTo(1);
        assertThat(bus.emit("TWO", null).join()).isEqualTo(2);

        assertThat(before).containsExactly("ONE", "TWO");
        assertThat(attempts).as("it stays registered").containsExactly("ONE", "TWO");
        assertThat(after).containsExactly("ONE", "TWO");
    }

    @Test
    void malformedListenPatternsAreRefused() {
        for (String bad : new String[] {"log_*", "*_LINE", "LOG_**", "", "LOG*LINE"}) {
            assertThatThrownBy(() -> bus.on(bad, (name, data) -> { }))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("pattern:");
        }
        assertThat(bus.listenerCount()).isZero();
    }

    @Test
    void aHubsBusPublishesOnItsTopicsAndRefusesRoutesToUnknownTopics() {
        ManualTime time = new ManualTime();
        EventRoutes routes = EventRoutes.defaults().prepend(EventRoute.of("AUDIT_", "audit"));
        assertThatThrownBy(() -> HubEngine.builder().clock(time).scheduler(time).eventRoutes(routes).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bus.routes[0].topic: unknown topic 'audit'");

        HubEngine hub = HubEngine.builder().clock(time).scheduler(time).eventRoutes(routes)
                .topic(TopicConfig.builder("audit").build()).build();
        RecordingSession session = new RecordingSession(new DirectLane());
        ConnectionInbound connection = hub.gateway().open(session, Identity.ANONYMOUS);
        connection.onText("{\"action\":\"subscribe\",\"topic\":\"audit\"}");
        session.clear();
        CopyOnWriteArrayList<Object> heard = new CopyOnWriteArrayList<>();
        hub.eventBus().on("AUDIT_*", (name, data) -> heard.add(data));

        long seq = hub.eventBus().emit("AUDIT_LOGIN", Map.of("user", "alice")).join();

        JsonNode event = session.messages().get(0);
        assertThat(event.path("type").asText()).isEqualTo("event");
        assertThat(event.path("topic").asText()).isEqualTo("audit");
        assertThat(event.path("seq").asLong()).isEqualTo(seq).isEqualTo(1);
        assertThat(event.path("event").asText()).isEqualTo("AUDIT_LOGIN");
        assertThat(event.path("data").path("user").asText()).isEqualTo("alice");
        assertThat(heard).containsExactly(Map.of("user", "alice"));
    }

    @Test
    void aClosedHubFailsTheEmitButListenersStillHearIt() {
        ManualTime time = new ManualTime();
        HubEngine hub = HubEngine.builder().clock(time).scheduler(time).build();
        List<String> heard = new ArrayList<>();
        hub.eventBus().on("*", (name, data) -> heard.add(name));
        hub.close();

        assertThat(hub.eventBus().emit("ALERT_X", null)).isCompletedExceptionally();
        assertThat(heard).containsExactly("ALERT_X");
    }
}
