package dev.realtimehub.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as a user runs it. */
class HubCommandIT {

    @Test
    void sigtermClosesEveryClientWith1001ReleasesThePortAndExitsZero() throws Exception {
        try (HubProcess hub = HubProcess.start("--port", "0")) {
            int port = hub.port();
            CompletableFuture<Integer> closeCode = new CompletableFuture<>();
            HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/ws/realtime"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                            closeCode.complete(statusCode);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);

            hub.terminate();

            assertThat(closeCode.get(20, TimeUnit.SECONDS)).isEqualTo(1001);
            assertThat(hub.exitCode()).isZero();
            // the address the hub listened on: a wildcard bind would also collide with other processes' client sockets
            // that happen to use the same port number on another loopback address
            try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
                assertThat(again.getLocalPort()).isEqualTo(port);
            }
            assertThat(hub.stdout()).anyMatch(line -> line.contains("listening on http://127.0.0.1:" + port));
        }
    }

    @Test
    void aPortInUseIsOneLineAndANonZeroExit() throws Exception {
        try (ServerSocket taken = new ServerSocket(0); HubProcess hub = HubProcess.start("--port",
                String.valueOf(taken.getLocalPort()))) {
            assertThat(hub.exitCode()).isNotZero();
            await().until(() -> !hub.stderr().isEmpty());
            assertThat(hub.stderr()).singleElement().asString()
                    .contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("Address already in use");
        }
    }

    @Test
    void anUnreachableRedisIsOneLineAndANonZeroExit() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (HubProcess hub = HubProcess.start("--port", "0", "--redis", "redis://127.0.0.1:" + port)) {
            assertThat(hub.exitCode()).isNotZero();
            await().until(() -> !hub.stderr().isEmpty());
            assertThat(hub.stderr()).singleElement().asString()
                    .startsWith("realtime-hub: cannot connect to Redis at redis://127.0.0.1:" + port);
        }
    }

    @Test
    void anUnreadableConfigIsOneLineAndANonZeroExit() throws Exception {
        try (HubProcess hub = HubProcess.start("--config", "/no/such/hub.yaml")) {
            assertThat(hub.exitCode()).isNotZero();
            await().until(() -> !hub.stderr().isEmpty());
            assertThat(hub.stderr()).singleElement().asString().contains("/no/such/hub.yaml");
        }
    }

    @Test
    void aBadValueNamesItsKey(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("hub.yaml");
        Files.writeString(config, "heartbeat:\n  interval-ms: often\n");
        try (HubProcess hub = HubProcess.start("--config", config.toString())) {
            assertThat(hub.exitCode()).isNotZero();
            await().until(() -> !hub.stderr().isEmpty());
            assertThat(hub.stderr()).singleElement().asString()
                    .contains("heartbeat.interval-ms").contains("often");
        }
    }

    @Test
    void aConfigFileSetsTopicsAndTheCommandLineBeatsIt(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("hub.yaml");
        Files.writeString(config, """
                port: 1
                heartbeat:
                  interval-ms: 5000
                  timeout-ms: 15000
                publish:
                  max-body-bytes: 4096
                topics:
                  orders:
                    policy: batch
                    window-ms: 50
                    batch-max-items: 20
                    history: 50
                  tasks:
                    conflate-key: [task_id]
                """);
        try (HubProcess hub = HubProcess.start("--config", config.toString(), "--port", "0")) {
            int port = hub.port();
            var http = HttpClient.newHttpClient();
            var stats = http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/ws/stats")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertThat(stats).contains("\"orders\":{\"policy\":\"batch\"");
            var big = http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/publish")).POST(java.net.http.HttpRequest.BodyPublishers.ofString("x".repeat(5000))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(big.statusCode()).isEqualTo(413);
            hub.terminate();
            assertThat(hub.exitCode()).isZero();
        }
    }

    @Test
    void helpAndVersionAnswerAndExitZero() throws Exception {
        try (HubProcess help = HubProcess.start("--help")) {
            assertThat(help.exitCode()).isZero();
            await().until(() -> help.stdout().stream().anyMatch(l -> l.contains("--config")));
            assertThat(String.join("\n", help.stdout())).contains("--host", "--port", "--config", "--version");
        }
        try (HubProcess version = HubProcess.start("--version")) {
            assertThat(version.exitCode()).isZero();
            await().until(() -> !version.stdout().isEmpty());
            assertThat(version.stdout().get(0)).startsWith("realtime-hub ");
        }
    }
}
