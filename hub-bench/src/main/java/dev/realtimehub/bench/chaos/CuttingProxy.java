package dev.realtimehub.bench.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy in front of one hub node that can cut every connection it carries at once, as a load balancer or a NAT
 * that drops its table does: both sockets of each pair are closed without a close frame or a last chunk. A connection
 * whose node does not accept (killed, not started yet) is closed at once, as a load balancer with a dead backend does.
 * Plain blocking sockets, two threads per connection: the chaos run carries a few hundred connections.
 */
final class CuttingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int upstreamPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "chaos-proxy");
        thread.setDaemon(true);
        return thread;
    });
    /** Every socket the proxy holds, both sides; any thread. */
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    CuttingProxy(int port, int upstreamPort) throws IOException {
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress("127.0.0.1", port), 1024);
        this.upstreamPort = upstreamPort;
        threads.execute(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Closes every connection the proxy carries; returns how many client connections were cut. */
    int cutAll() {
        int cut = 0;
        for (Socket socket : open) {
            if (socket.getLocalPort() == listener.getLocalPort()) {
                cut++;
            }
            closeQuietly(socket);
        }
        return cut;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                threads.execute(() -> connect(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        try {
            client.setTcpNoDelay(true);
            upstream.connect(new InetSocketAddress("127.0.0.1", upstreamPort), 2000);
            upstream.setTcpNoDelay(true);
        } catch (IOException nodeDown) {
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        open.add(client);
        open.add(upstream);
        threads.execute(() -> pump(upstream, client));
        pump(client, upstream);
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
            }
        } catch (IOException cutOrClosed) {
            // either side went away: the pair ends below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket that is already broken
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cutAll();
        threads.shutdownNow();
    }
}
