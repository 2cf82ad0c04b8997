package dev.realtimehub.bench.ceiling;

import dev.realtimehub.bench.netty.NettyTransport;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code ceiling} command: runs the raw-Netty broadcast server until SIGTERM or Ctrl-C. */
@Command(name = "ceiling", mixinStandardHelpOptions = true,
        description = "Runs the minimal raw-Netty broadcast server the hub is compared with.")
public final class CeilingCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8100", description = "Port (default ${DEFAULT-VALUE}; 0: a free one).")
    int port;

    @Option(names = "--threads", defaultValue = "0", description = "I/O threads (0: one per available core).")
    int threads;

    @Option(names = "--max-hold-ms", defaultValue = "2000",
            description = "Longest a publish waits while a subscriber is unwritable before it is taken anyway"
                    + " (default ${DEFAULT-VALUE}).")
    long maxHoldMillis;

    @Option(names = "--hold-above", defaultValue = "0",
            description = "Hold publishes while more than this many subscribers (N), or this share of them (P%%), are"
                    + " unwritable (default ${DEFAULT-VALUE}: while any is).")
    String holdAbove;

    @Option(names = "--sndbuf", defaultValue = "0",
            description = "SO_SNDBUF of every connection in bytes (default ${DEFAULT-VALUE}, the hub's default"
                    + " limits.socket-send-buffer-bytes: the kernel's autotuning).")
    int sendBuffer;

    @Option(names = "--unsent", defaultValue = "32768",
            description = "TCP_NOTSENT_LOWAT of every connection in bytes, epoll only (default ${DEFAULT-VALUE}, the"
                    + " hub's default limits.socket-unsent-bytes; 0: none).")
    int unsent;

    @Override
    public Integer call() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        CeilingServer server;
        try {
            CeilingTuning tuning =
                    new CeilingTuning(maxHoldMillis, HoldThreshold.parse(holdAbove), sendBuffer, unsent);
            server = CeilingServer.start(host, port, threads, tuning);
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("ceiling: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }, "ceiling-shutdown"));
        System.err.println("ceiling: listening on " + host + ":" + server.port() + " ("
                + (NettyTransport.isEpoll() ? "epoll" : "nio") + ")");
        stop.await();
        return 0;
    }
}
