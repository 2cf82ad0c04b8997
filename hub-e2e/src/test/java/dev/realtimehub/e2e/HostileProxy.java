package dev.realtimehub.e2e;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy on loopback that treats WebSocket upgrades the way hostile corporate middleboxes do, while plain HTTP
 * (pages, the SSE stream, command POSTs) passes untouched:
 * <ul>
 *   <li>{@link Mode#REFUSE_UPGRADES}: every upgrade request is answered {@code 403} and closed;</li>
 *   <li>{@link Mode#CUT_UPGRADES}: an upgrade goes through, and the connection is cut {@link #cutAfter} later;</li>
 *   <li>{@link Mode#CLOSE_1000}: an upgrade goes through, and after {@link #cutAfter} the proxy ends it with a close
 *       frame 1000 of its own, between two of the hub's frames, as a proxy timing out an idle or long connection
 *       does — only for the first {@code times} upgrades.</li>
 * </ul>
 *
 * <p>Blocking sockets, two daemon threads per connection; for tests only. Thread-safe.
 */
public final class HostileProxy implements AutoCloseable {

    /** What happens to WebSocket upgrades. */
    public enum Mode { REFUSE_UPGRADES, CUT_UPGRADES, CLOSE_1000 }

    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
    /** Cuts connections when their time is up, as the middlebox's own timer would. */
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "hostile-timer");
        thread.setDaemon(true);
        return thread;
    });

    private final InetSocketAddress upstream;
    private final Mode mode;
    private final Duration cutAfter;
    private final int times;
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger upgrades = new AtomicInteger();
    private final AtomicInteger refusedOrCut = new AtomicInteger();
    private volatile boolean closed;

    private HostileProxy(int upstreamPort, Mode mode, Duration cutAfter, int times) throws IOException {
        this.upstream = new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort);
        this.mode = mode;
        this.cutAfter = cutAfter;
        this.times = times;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("hostile-accept-" + server.getLocalPort(), this::acceptLoop);
    }

    /** A proxy to {@code port} on loopback that answers every WebSocket upgrade with 403. */
    public static HostileProxy refusingUpgrades(int port) {
        return start(port, Mode.REFUSE_UPGRADES, Duration.ZERO, Integer.MAX_VALUE);
    }

    /** A proxy to {@code port} on loopback that cuts every upgraded connection {@code after} it was upgraded. */
    public static HostileProxy cuttingUpgrades(int port, Duration after) {
        return start(port, Mode.CUT_UPGRADES, after, Integer.MAX_VALUE);
    }

    /** A proxy to {@code port} on loopback that closes the first {@code times} upgraded connections with 1000. */
    public static HostileProxy closingUpgradesWith1000(int port, Duration after, int times) {
        return start(port, Mode.CLOSE_1000, after, times);
    }

    private static HostileProxy start(int port, Mode mode, Duration after, int times) {
        try {
            return new HostileProxy(port, mode, after, times);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port clients connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /** How many WebSocket upgrade requests came through. */
    public int upgrades() {
        return upgrades.get();
    }

    /** How many upgraded connections this proxy refused, cut or closed. */
    public int interfered() {
        return refusedOrCut.get();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        sockets.forEach(HostileProxy::closeQuietly);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            sockets.add(client);
            daemon("hostile-conn", () -> serve(client));
        }
    }

    private void serve(Socket client) {
        Socket target = null;
        try {
            client.setTcpNoDelay(true);
            InputStream fromClient = client.getInputStream();
            byte[] head = readHead(fromClient);
            if (head == null) {
                closeQuietly(client);
                return;
            }
            boolean upgrade = isWebSocketUpgrade(head);
            int number = upgrade ? upgrades.incrementAndGet() : 0;
            if (upgrade && mode == Mode.REFUSE_UPGRADES) {
                refusedOrCut.incrementAndGet();
                client.getOutputStream().write(("HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\n"
                        + "Content-Length: 22\r\nConnection: close\r\n\r\nWebSockets not allowed")
                        .getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().flush();
                closeQuietly(client);
                return;
            }
            target = new Socket();
            sockets.add(target);
            target.setTcpNoDelay(true);
            target.connect(upstream);
            target.getOutputStream().write(head);
            target.getOutputStream().flush();
            Socket upstreamSocket = target;
            daemon("hostile-up", () -> pump(client, upstreamSocket));
            if (upgrade && mode == Mode.CUT_UPGRADES) {
                TIMERS.schedule(() -> {
                    refusedOrCut.incrementAndGet();
                    closeQuietly(client);
                    closeQuietly(upstreamSocket);
                }, cutAfter.toMillis(), TimeUnit.MILLISECONDS);
                pump(upstreamSocket, client);
            } else if (upgrade && mode == Mode.CLOSE_1000 && number <= times) {
                forwardFramesThenClose(upstreamSocket, client);
            } else {
                pump(upstreamSocket, client);
            }
        } catch (IOException e) {
            closeQuietly(client);
            if (target != null) {
                closeQuietly(target);
            }
        }
    }

    /**
     * Passes the hub's 101 response, then the hub's frames one whole frame at a time until {@link #cutAfter} has
     * passed, then a close frame 1000 of the proxy's own, and ends both connections.
     */
    private void forwardFramesThenClose(Socket from, Socket to) throws IOException {
        DataInputStream in = new DataInputStream(from.getInputStream());
        OutputStream out = to.getOutputStream();
        byte[] response = readHead(in);
        if (response == null) {
            throw new IOException("upstream closed before its response");
        }
        out.write(response);
        out.flush();
        long deadline = System.nanoTime() + cutAfter.toNanos();
        from.setSoTimeout(50);
        while (System.nanoTime() < deadline) {
            int first;
            try {
                first = in.read();
            } catch (SocketTimeoutException quiet) {
                continue; // nothing from the hub just now: a frame boundary, check the clock again
            }
            if (first < 0) {
                throw new IOException("upstream closed");
            }
            from.setSoTimeout(0); // the rest of a frame the hub started: wait for all of it
            byte[] frame = readFrame(first, in);
            from.setSoTimeout(50);
            out.write(frame);
            out.flush();
        }
        refusedOrCut.incrementAndGet();
        out.write(new byte[] {(byte) 0x88, 0x02, 0x03, (byte) 0xE8});
        out.flush();
        closeQuietly(to);
        closeQuietly(from);
    }

    /** The rest of one unmasked server frame whose first byte was {@code first}, header included. */
    private static byte[] readFrame(int first, DataInputStream in) throws IOException {
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(first);
        frame.write(second);
        if (length == 126) {
            int extended = in.readUnsignedShort();
            frame.write(extended >>> 8);
            frame.write(extended & 0xFF);
            length = extended;
        } else if (length == 127) {
            long extended = in.readLong();
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (extended >>> shift) & 0xFF);
            }
            length = extended;
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        frame.write(payload);
        return frame.toByteArray();
    }

    /** Reads a request or response head up to and including its blank line; null when the stream ended first. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < HEAD_END.length) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == HEAD_END[matched] ? matched + 1 : (b == HEAD_END[0] ? 1 : 0);
            if (head.size() > 64 * 1024) {
                throw new IOException("head too large");
            }
        }
        return head.toByteArray();
    }

    private static boolean isWebSocketUpgrade(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        return text.contains("\r\nupgrade: websocket") || text.contains("\r\nupgrade:websocket");
    }

    /** Copies {@code from} to {@code to} until either ends, then closes both. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // closed by either side or cut: the other direction ends too
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
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
