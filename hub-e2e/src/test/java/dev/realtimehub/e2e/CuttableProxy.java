package dev.realtimehub.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback between a browser and a hub that can drop the network: {@link #cut()} resets every live
 * connection at once (TCP RST, as a dropped link or a dying middlebox would) and holds new ones, unanswered, until
 * {@link #restore()}. A held connection waits like a SYN into a black hole rather than being refused, so a client
 * reconnecting meanwhile stays in its handshake and goes through once the network is back.
 *
 * <p>Blocking sockets, two daemon threads per connection; for tests only. Thread-safe.
 */
public final class CuttableProxy implements AutoCloseable {

    private final InetSocketAddress upstream;
    private final ServerSocket server;
    /** Every socket of every connection, held or live; guarded by being a concurrent set. */
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    /** Open (count 0) while the network is up; a connection passes it before dialling upstream. */
    private volatile CountDownLatch network = new CountDownLatch(0);
    private volatile boolean closed;

    private CuttableProxy(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a proxy on a free loopback port that forwards to {@code port} on loopback. */
    public static CuttableProxy toLoopbackPort(int port) {
        try {
            return new CuttableProxy(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port clients connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /** How many connections clients have opened through the proxy so far. */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** Drops the network: resets every live connection and holds new ones until {@link #restore()}. */
    public void cut() {
        if (network.getCount() == 0) {
            network = new CountDownLatch(1);
        }
        sockets.forEach(this::reset);
    }

    /** Brings the network back: held connections and new ones go through to the upstream. */
    public void restore() {
        network.countDown();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        restore();
        sockets.forEach(this::reset);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            accepted.incrementAndGet();
            sockets.add(client);
            CountDownLatch gate = network;
            daemon("proxy-dial", () -> connect(client, gate));
        }
    }

    private void connect(Socket client, CountDownLatch gate) {
        try {
            gate.await();
            if (client.isClosed()) {
                return; // reset while held
            }
            Socket target = new Socket();
            sockets.add(target);
            target.setTcpNoDelay(true);
            target.connect(upstream);
            client.setTcpNoDelay(true);
            daemon("proxy-up", () -> pump(client, target));
            pump(target, client);
        } catch (IOException | InterruptedException e) {
            reset(client);
        }
    }

    /** Copies {@code from} to {@code to} until either ends, then closes both. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // reset or closed: the other direction ends too
        } finally {
            close(from);
            close(to);
        }
    }

    private void close(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** Closes with SO_LINGER 0, so the peer gets a TCP RST rather than an orderly FIN. */
    private void reset(Socket socket) {
        sockets.remove(socket);
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // already closed: nothing to reset
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
