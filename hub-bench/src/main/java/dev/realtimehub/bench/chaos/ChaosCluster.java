package dev.realtimehub.bench.chaos;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the chaos run stands up: the private Redis (append-only file on), the hub nodes over it, and a
 * {@link CuttingProxy} in front of each node. Closing it kills every process it started.
 */
final class ChaosCluster implements AutoCloseable {

    private final PrivateRedis redis;
    private final List<HubNode> nodes = new ArrayList<>();
    private final List<CuttingProxy> proxies = new ArrayList<>();

    private ChaosCluster(PrivateRedis redis) {
        this.redis = redis;
    }

    /** Starts Redis, then every node (in parallel) and its proxy; on any failure stops what already started. */
    static ChaosCluster start(ChaosSettings settings) throws Exception {
        // absolute: redis-server changes into its --dir before it opens its log file
        Path out = Files.createDirectories(settings.outDir().toAbsolutePath());
        int base = settings.basePort();
        PrivateRedis redis = new PrivateRedis(base == 0 ? freePort() : base + 20, Files.createDirectories(out.resolve("redis")));
        ChaosCluster cluster = new ChaosCluster(redis);
        try {
            redis.start();
            for (int i = 0; i < settings.nodes(); i++) {
                HubNode node = new HubNode(i, base == 0 ? freePort() : base + i, settings.hubJar(), redis.uri(), out);
                cluster.nodes.add(node);
                cluster.proxies.add(new CuttingProxy(base == 0 ? 0 : base + 10 + i, node.port()));
            }
            List<Thread> starting = new ArrayList<>();
            List<Exception> failures = new ArrayList<>();
            for (HubNode node : cluster.nodes) {
                Thread thread = new Thread(() -> {
                    try {
                        node.start();
                    } catch (Exception failure) {
                        synchronized (failures) {
                            failures.add(failure);
                        }
                    }
                }, "chaos-start-" + node.index());
                starting.add(thread);
                thread.start();
            }
            for (Thread thread : starting) {
                thread.join(TimeUnit.SECONDS.toMillis(90));
            }
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
            return cluster;
        } catch (Exception failure) {
            cluster.close();
            throw failure;
        }
    }

    int size() {
        return nodes.size();
    }

    HubNode node(int index) {
        return nodes.get(index);
    }

    CuttingProxy proxy(int index) {
        return proxies.get(index);
    }

    PrivateRedis redis() {
        return redis;
    }

    List<Integer> nodePorts() {
        return nodes.stream().map(HubNode::port).toList();
    }

    List<Integer> proxyPorts() {
        return proxies.stream().map(CuttingProxy::port).toList();
    }

    /** Waits until node {@code index} answers {@code /health/ready} (its probe went through Redis and back). */
    void awaitReady(int index, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!nodes.get(index).isReady()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("hub node " + index + " not ready " + seconds + " s after Redis came back");
            }
            TimeUnit.MILLISECONDS.sleep(100); // polling another process's health: there is nothing to wait on
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        for (CuttingProxy proxy : proxies) {
            proxy.close();
        }
        for (HubNode node : nodes) {
            node.close();
        }
        redis.close();
    }
}
