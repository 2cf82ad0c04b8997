package dev.realtimehub.bench.chaos;

import java.nio.file.Path;

/**
 * What one chaos run does: how many hub nodes and clients, how long the faults go on, the publish rate, and where the
 * hub jar, the ports and the logs are. Validated here, naming the bad option.
 *
 * @param hubJar       the packaged hub ({@code hub-app/target/realtime-hub.jar}), run as child processes
 * @param nodes        hub nodes (2 or 3)
 * @param clients      recovering clients, half WebSocket, half SSE
 * @param durationS    seconds from the first fault window to the end of the faults (the schedule scales with it)
 * @param ratePerNode  steady publishes per second to every node
 * @param burst        publishes of the burst
 * @param churnPerS    voluntary reconnects per second while the faults go on
 * @param basePort     first port for the nodes, proxies and Redis (node i: base+i, proxy i: base+10+i, Redis: base+20);
 *                     0: free ports picked at start
 * @param outDir       where the hub and Redis logs go
 */
public record ChaosSettings(Path hubJar, int nodes, int clients, int durationS, int ratePerNode, int burst,
                            int churnPerS, int basePort, Path outDir) {

    public ChaosSettings {
        if (nodes < 2 || nodes > 3) {
            throw new IllegalArgumentException("--nodes must be 2 or 3 but was " + nodes);
        }
        if (clients < 2) {
            throw new IllegalArgumentException("--clients must be at least 2 but was " + clients);
        }
        if (durationS < 20) {
            throw new IllegalArgumentException("--duration must be at least 20 seconds but was " + durationS);
        }
        if (ratePerNode < 1 || burst < 1 || churnPerS < 1) {
            throw new IllegalArgumentException("--rate, --burst and --churn must be at least 1");
        }
        if (basePort != 0 && (basePort < 1024 || basePort > 65000)) {
            throw new IllegalArgumentException("--base-port must be 0 or 1024..65000 but was " + basePort);
        }
    }
}
