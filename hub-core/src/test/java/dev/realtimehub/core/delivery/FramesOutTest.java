package dev.realtimehub.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.core.api.Hub;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.auth.Identity;
import dev.realtimehub.core.connection.Connection;
import dev.realtimehub.core.testing.DirectLane;
import dev.realtimehub.core.testing.ManualTime;
import dev.realtimehub.core.testing.RecordingSession;
import dev.realtimehub.core.topics.DeliveryPolicy;
import dev.realtimehub.core.topics.TopicConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FramesOutTest {

    private final ManualTime time = new ManualTime();
    private final Hub hub = Hub.builder().clock(time).scheduler(time)
            .topic(TopicConfig.builder("feed").build())
            .topic(TopicConfig.builder("logs").policy(DeliveryPolicy.BATCH).build())
            .build();

    private Connection subscribed(String... topics) {
        Connection connection = hub.open(new RecordingSession(new DirectLane()), Identity.ANONYMOUS);
        for (String topic : topics) {
            hub.onText(connection, "{\"action\":\"subscribe\",\"topic\":\"" + topic + "\"}");
        }
        return connection;
    }

    private void publish(String topic, int n) {
        hub.publish(topic, Publication.of("event", Map.of("n", n))).join();
    }

    @Test
    void countsEveryFrameHandedToEachSubscriber() {
        subscribed("feed");
        subscribed("feed");
        subscribed();
        long before = hub.framesOut();

        for (int i = 0; i < 3; i++) {
            publish("feed", i);
        }

        assertThat(hub.framesOut() - before).isEqualTo(6);
    }

    @Test
    void aBatchFrameCountsOncePerRecipient() {
        subscribed("logs");
        long before = hub.framesOut();

        for (int i = 0; i < 4; i++) {
            publish("logs", i);
        }
        assertThat(hub.framesOut() - before).isEqualTo(1); // the first goes at once, the rest wait in the window
        time.advance(100);

        assertThat(hub.framesOut() - before).isEqualTo(2);
    }
}
