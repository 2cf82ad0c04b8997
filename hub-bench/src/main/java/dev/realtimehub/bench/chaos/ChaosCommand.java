package dev.realtimehub.bench.chaos;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hub-bench chaos}: the chaos scenario (issue 21, docs/GUIDE.md "Guarantees"). Prints one JSON report line and
 * exits 0 when every promise held, 1 when one broke (a silent loss, a duplicate, a reordering, a refused publish
 * delivered, a client left disconnected), 2 on bad options or when the run could not be set up.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = "Hub nodes over a private Redis (append-only file on) behind cutting proxies, recovering WebSocket"
                + " and SSE clients, publishers to every node, and scheduled faults: SIGKILL and restart of a node, Redis"
                + " restarted, proxies cutting connections, churn, a publish burst. One JSON line; exit 1 on a broken promise.")
public final class ChaosCommand implements Callable<Integer> {

    @Option(names = "--hub-jar", description = "the packaged hub (default: ${DEFAULT-VALUE})")
    Path hubJar = Path.of("hub-app/target/realtime-hub.jar");

    @Option(names = "--nodes", description = "hub nodes, 2 or 3 (default: ${DEFAULT-VALUE})")
    int nodes = 3;

    @Option(names = "--clients", description = "recovering clients, half WebSocket, half SSE (default: ${DEFAULT-VALUE})")
    int clients = 200;

    @Option(names = "--duration", description = "seconds the fault schedule spans (default: ${DEFAULT-VALUE})")
    int durationS = 60;

    @Option(names = "--rate", description = "steady publishes per second to every node (default: ${DEFAULT-VALUE})")
    int ratePerNode = 20;

    @Option(names = "--burst", description = "publishes of the burst (default: ${DEFAULT-VALUE})")
    int burst = 2000;

    @Option(names = "--churn", description = "voluntary reconnects per second while the faults go on (default: ${DEFAULT-VALUE})")
    int churnPerS = 100;

    @Option(names = "--base-port", description = "first port: node i on base+i, proxy i on base+10+i, Redis on base+20;"
            + " 0 picks free ports (default: ${DEFAULT-VALUE})")
    int basePort = 0;

    @Option(names = "--out", description = "where the hub and Redis logs go (default: bench/results/<time>-chaos)")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path dir = out != null ? out
                : Path.of("bench/results", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-chaos");
        ChaosSettings settings;
        try {
            settings = new ChaosSettings(hubJar, nodes, clients, durationS, ratePerNode, burst, churnPerS, basePort, dir);
        } catch (IllegalArgumentException bad) {
            System.err.println("chaos: " + bad.getMessage());
            return 2;
        }
        if (!hubJar.toFile().isFile()) {
            System.err.println("chaos: no hub jar at " + hubJar + " (build it: mvn -B -q -pl hub-app -am package -DskipTests)");
            return 2;
        }
        ChaosReport report = new ChaosRun(settings).run();
        System.out.println(report.toJson());
        return report.ok() ? 0 : 1;
    }
}
