package dev.realtimehub.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.WsTestClient;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RecoveryEndToEndTest {

    @RegisterExtension
    final HubExtension hubs = HubExtension.withDefaults();

    @Test
    void aReturningClientGetsEveryMissedEventOnceAndInOrder(RealtimeHub hub) {
        HttpTestClient http = new HttpTestClient(hub.httpUri());
        JsonNode reply;
        try (WsTestClient first = WsTestClient.connected(hub.webSocketUri())) {
            reply = first.subscribe("system");
            for (int i = 0; i < 5; i++) {
                http.publish("system", "system_event", "\"event\":\"e" + i + "\"");
            }
            first.awaitMessage(m -> m.path("seq").asLong() == 5 && "system_event".equals(m.path("type").asText()));
        }
        for (int i = 5; i < 12; i++) {
            http.publish("system", "system_event", "\"event\":\"e" + i + "\"");
        }
        try (WsTestClient second = WsTestClient.connected(hub.webSocketUri())) {
            JsonNode recovered = second.request("{\"action\":\"subscribe\",\"topic\":\"system\",\"since\":5,\"epoch\":\""
                    + reply.path("epoch").asText() + "\"}", "subscription", "system");
            assertThat(recovered.path("recovered").asBoolean()).isTrue();
            http.publish("system", "system_event", "\"event\":\"live\"");
            second.awaitMessage(m -> "live".equals(m.path("event").asText()));
            assertThat(second.seqs("system"))
                    .containsExactlyElementsOf(LongStream.rangeClosed(6, 13).boxed().toList());
        }
    }

    @Test
    void aRestartedHubHasANewEpochAndSaysNotRecovered() {
        int port;
        String oldEpoch;
        try (RealtimeHub hub = RealtimeHub.builder().port(0).start()) {
            port = hub.port();
            new HttpTestClient(hub.httpUri()).publish("alerts", "alert", "\"title\":\"a\"");
            try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
                oldEpoch = client.subscribe("alerts").path("epoch").asText();
            }
        }
        try (RealtimeHub restarted = RealtimeHub.builder().port(port).start()) {
            new HttpTestClient(restarted.httpUri()).publish("alerts", "alert", "\"title\":\"b\"");
            try (WsTestClient client = WsTestClient.connected(restarted.webSocketUri())) {
                JsonNode reply = client.request("{\"action\":\"subscribe\",\"topic\":\"alerts\",\"since\":1,\"epoch\":\""
                        + oldEpoch + "\"}", "subscription", "alerts");
                assertThat(reply.path("recovered").asBoolean()).isFalse();
                assertThat(reply.path("epoch").asText()).isNotEqualTo(oldEpoch);
                assertThat(reply.path("seq").asLong()).isEqualTo(1);
                assertThat(client.seqs("alerts")).isEmpty();
            }
        }
    }
}
