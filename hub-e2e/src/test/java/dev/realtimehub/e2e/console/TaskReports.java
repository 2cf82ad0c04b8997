package dev.realtimehub.e2e.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.server.RealtimeHub;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Reports a task's state to a hub with {@code PUT /api/tasks/{id}} over real HTTP, as a backend does. */
final class TaskReports {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TaskReports() {
    }

    /** Puts the task's state and asserts the hub answered 200; {@code message} is put into the JSON as it is. */
    static void put(RealtimeHub hub, String id, String name, String status, int progress, String message) {
        String body = "{\"name\":\"" + name + "\",\"status\":\"" + status + "\",\"progress\":" + progress
                + ",\"message\":\"" + message + "\"}";
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(hub.httpUri() + "/api/tasks/" + id))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
