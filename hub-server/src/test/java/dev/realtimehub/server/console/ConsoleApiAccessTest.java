package dev.realtimehub.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.core.topics.DeliveryPolicy;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.testing.HttpTestClient;
import dev.realtimehub.server.testing.HubExtension;
import dev.realtimehub.server.testing.Tokens;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console's API under the hub's security: API keys for updates, topic roles for snapshots. */
class ConsoleApiAccessTest {

    private static final String KEY = "k-0123456789abcdef";
    private static final String TASK = "{\"name\":\"Export\",\"status\":\"running\",\"progress\":5}";

    @RegisterExtension
    final HubExtension hubs = HubExtension.withSettings(s -> s
            .topic(TopicConfig.builder("tasks").policy(DeliveryPolicy.CONFLATE).conflateKey(List.of("task_id"))
                    .roles(List.of("ops")).build())
            .security().jwtHmacSecret(Tokens.SECRET).apiKeys(List.of(KEY)));

    private RealtimeHub hub;
    private HttpTestClient http;

    @BeforeEach
    void start(RealtimeHub hub) {
        this.hub = hub;
        http = new HttpTestClient(hub.httpUri());
    }

    private HttpTestClient.Reply send(String method, String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.httpUri().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build());
    }

    @Test
    void updatingATaskNeedsAnApiKeyOnceKeysAreConfigured() {
        assertThat(send("PUT", "/api/tasks/t1", TASK, null).status()).isEqualTo(401);
        assertThat(send("PUT", "/api/tasks/t1", TASK, "Bearer wrong").status()).isEqualTo(401);
        assertThat(hub.engine().position("tasks").seq()).isZero();

        assertThat(send("PUT", "/api/tasks/t1", TASK, "Bearer " + KEY).status()).isEqualTo(200);
        assertThat(hub.engine().position("tasks").seq()).isEqualTo(1);
    }

    @Test
    void aSnapshotOfATopicWithRolesNeedsATokenHoldingOne() {
        send("PUT", "/api/tasks/t1", TASK, "Bearer " + KEY);

        assertThat(send("GET", "/api/tasks", null, null).status()).isEqualTo(401);
        assertThat(send("GET", "/api/tasks?token=" + Tokens.hs256("eve", List.of("guest"), 300), null, null).status())
                .isEqualTo(403);
        HttpTestClient.Reply allowed = send("GET", "/api/tasks", null,
                "Bearer " + Tokens.hs256("olga", List.of("ops"), 300));
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.json().path("tasks")).hasSize(1);
    }

    @Test
    void aSnapshotOfATopicWithoutRolesStaysOpen() {
        assertThat(send("GET", "/api/metrics", null, null).status()).isEqualTo(200);
    }
}
