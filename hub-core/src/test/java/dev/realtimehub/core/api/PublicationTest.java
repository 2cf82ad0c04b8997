package dev.realtimehub.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtimehub.core.testing.ManualTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import dev.realtimehub.core.engine.HubEngine;

class PublicationTest {

    @Test
    void envelopeFieldsCannotBeSetByPublishers() {
        for (String reserved : Publication.RESERVED_FIELDS) {
            assertThatThrownBy(() -> Publication.builder("x").field(reserved, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reserved);
        }
    }

    @Test
    void userIdTargetsTheEvent() {
        assertThat(Publication.of("notification", Map.of("user_id", 7)).userId()).isEqualTo("7");
        assertThat(Publication.of("notification", Map.of()).userId()).isNull();
    }

    @Test
    void jsonFieldsTargetAndConflateLikeJavaValues() {
        var json = dev.realtimehub.core.util.Json.mapper();
        assertThat(Publication.of("n", Map.of("user_id", json.getNodeFactory().textNode("alice"))).userId())
                .isEqualTo("alice");
        assertThat(Publication.of("n", Map.of("user_id", json.getNodeFactory().numberNode(7))).userId()).isEqualTo("7");
        assertThat(Publication.of("n", Map.of("user_id", json.getNodeFactory().nullNode())).userId()).isNull();
        Event fromJava = Event.accept("tasks", 1, 0, Publication.of("task_update", Map.of("task_id", "t1")));
        Event fromJson = Event.accept("tasks", 2, 0, Publication.of("task_update",
                Map.of("task_id", json.getNodeFactory().textNode("t1"))));
        assertThat(dev.realtimehub.core.topics.ConflationKey.of(java.util.List.of("task_id"), fromJson))
                .isEqualTo(dev.realtimehub.core.topics.ConflationKey.of(java.util.List.of("task_id"), fromJava));
    }

    @Test
    void publishingToAnUnknownTopicFailsNamingIt() {
        ManualTime time = new ManualTime();
        HubEngine hub = HubEngine.builder().clock(time).scheduler(time).build();
        assertThatThrownBy(() -> hub.publish("nope", Publication.of("x", Map.of())))
                .isInstanceOf(PublishException.class).hasMessage("Unknown topic: nope");
    }

    @Test
    void seqIsPerTopicAndStrictlyIncreasing() {
        ManualTime time = new ManualTime();
        HubEngine hub = HubEngine.builder().clock(time).scheduler(time).build();
        assertThat(hub.publish("rules", Publication.of("x", Map.of())).join()).isEqualTo(1);
        assertThat(hub.publish("rules", Publication.of("x", Map.of())).join()).isEqualTo(2);
        assertThat(hub.publish("alerts", Publication.of("x", Map.of())).join()).isEqualTo(1);
    }
}
