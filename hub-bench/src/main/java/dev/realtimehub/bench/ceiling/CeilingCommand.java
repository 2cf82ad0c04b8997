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

    @Override
    public Integer call() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        CeilingServer server;
        try {
            server = CeilingServer.start(host, port, threads);
        } catch (IllegalStateException e) {
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
