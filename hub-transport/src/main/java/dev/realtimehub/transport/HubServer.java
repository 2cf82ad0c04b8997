package dev.realtimehub.transport;

import dev.realtimehub.core.spi.NodeRelay;
import dev.realtimehub.transport.base.TransportSettings;
import dev.realtimehub.transport.base.HubSecurity;
import dev.realtimehub.transport.base.HubEventLoops;
import dev.realtimehub.transport.base.HubDrainGate;
import dev.realtimehub.transport.base.HubDrain;
import dev.realtimehub.core.api.CloseCode;
import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.transport.http.ApiKeyGuard;
import dev.realtimehub.transport.http.DisconnectEndpoint;
import dev.realtimehub.transport.http.EventsEndpoint;
import dev.realtimehub.transport.http.HealthEndpoint;
import dev.realtimehub.transport.http.HttpEndpoint;
import dev.realtimehub.transport.http.HttpRoutes;
import dev.realtimehub.transport.http.PublishEndpoint;
import dev.realtimehub.transport.http.ReadyEndpoint;
import dev.realtimehub.transport.http.StaticFileEndpoint;
import dev.realtimehub.transport.http.StatsEndpoint;
import dev.realtimehub.transport.sse.SseTransport;
import dev.realtimehub.transport.ws.ConnectionLimiter;
import dev.realtimehub.transport.ws.HandshakeAuth;
import dev.realtimehub.transport.ws.HubWebSocketUpgrade;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's Netty server: binds the port, serves HTTP, WebSocket and SSE, and on {@link #close()} drains: refuses new
 * connections with 503, flushes the throttling windows, tells every client 1001 once what was flushed reached it, and
 * releases the port.
 *
 * <p>Thread-safe.
 */
public final class HubServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HubServer.class);

    private final HubEngine hub;
    private final HubEventLoops loops;
    private final Channel serverChannel;
    private volatile boolean closed;

    private final HandshakeAuth auth;
    private final SseTransport sse;
    private final HubDrain drain;
    /** Bound with {@code SO_REUSEPORT}: the drain stops listening, leaving the port to a new process. */
    private final boolean reusePort;
    /** The address bound, kept: with {@link #reusePort} the listening channel closes before the server does. */
    private final InetSocketAddress address;

    private HubServer(HubEngine hub, HubEventLoops loops, Channel serverChannel, HandshakeAuth auth, SseTransport sse,
                      HubDrain drain, boolean reusePort) {
        this.hub = hub;
        this.loops = loops;
        this.serverChannel = serverChannel;
        this.auth = auth;
        this.sse = sse;
        this.drain = drain;
        this.reusePort = reusePort;
        this.address = (InetSocketAddress) serverChannel.localAddress();
    }

    /**
     * Connections refused for a missing, invalid or expired token or ticket: WebSocket handshakes, SSE streams and
     * ticket requests.
     */
    public long authFailures() {
        return auth.failures();
    }

    /** SSE streams open on this node. */
    public int sseSessions() {
        return sse.sessionCount();
    }

    /**
     * The routes every hub serves, the publishing and admin ones behind {@code guard}; a caller adds its own before
     * {@link #bind}.
     */
    public static HttpRoutes.Builder coreRoutes(HubEngine hub, ApiKeyGuard guard) {
        return coreRoutes(hub, guard, ReadyEndpoint.TIMEOUT_MS.defaultValue());
    }

    /** As {@link #coreRoutes(HubEngine, ApiKeyGuard)}, with {@code /health/ready} bounding its probe at {@code readyTimeoutMs}. */
    public static HttpRoutes.Builder coreRoutes(HubEngine hub, ApiKeyGuard guard, long readyTimeoutMs) {
        return HttpRoutes.builder()
                .exact("/api/publish", guard.protect(new PublishEndpoint(hub)))
                .exact("/api/events", guard.protect(new EventsEndpoint(hub)))
                .exact("/api/connections/disconnect", guard.protect(new DisconnectEndpoint(hub)))
                .exact("/api/ws/stats", HttpEndpoint.getOnly(new StatsEndpoint(hub)))
                .exact("/health", HttpEndpoint.getOnly(new HealthEndpoint(hub)))
                .exact("/health/ready", HttpEndpoint.getOnly(new ReadyEndpoint(hub, readyTimeoutMs)));
    }

    /**
     * Binds {@code settings.host():settings.port()} and starts serving {@code hub}.
     *
     * @throws IllegalStateException wrapping the {@link java.net.BindException} when the port is taken
     */
    public static HubServer bind(HubEngine hub, HubEventLoops loops, TransportSettings settings, HubSecurity security,
                                 HttpRoutes routes) throws InterruptedException {
        return bind(hub, loops, settings, security, routes, null);
    }

    /**
     * As {@link #bind(HubEngine, HubEventLoops, TransportSettings, HubSecurity, HttpRoutes)}, with the relay that
     * carries an SSE command to the node holding its stream when a load balancer sent it to another (null: one node).
     */
    public static HubServer bind(HubEngine hub, HubEventLoops loops, TransportSettings settings, HubSecurity security,
                                 HttpRoutes routes, NodeRelay relay) throws InterruptedException {
        HubDrain drain = new HubDrain();
        // one token check and one set of connection limits for both transports
        HandshakeAuth auth = new HandshakeAuth(security);
        ConnectionLimiter limiter = new ConnectionLimiter(settings.maxConnections(), settings.maxConnectionsPerIp());
        HubWebSocketUpgrade upgrade = new HubWebSocketUpgrade(hub, loops, settings, security, drain, auth, limiter);
        SseTransport sse = new SseTransport(hub, loops, settings, security, drain, auth, limiter, relay);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops.acceptor(), loops.io())
                .channel(loops.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                // over the high mark a connection is congested (the soft limit); below the low mark it resumes
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                        (int) (settings.outboundSoftBytes() / 2), (int) settings.outboundSoftBytes()))
                .childHandler(new HubChannelInitializer(routes, sse.routes(), upgrade, new StaticFileEndpoint(), settings,
                        security.sslContext(), new HubDrainGate(hub, drain)));
        if (settings.reusePort()) {
            if (!loops.isEpoll()) {
                throw new IllegalStateException("reuse-port: SO_REUSEPORT needs the epoll transport (Linux), which is"
                        + " not available here; set reuse-port to false");
            }
            bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
        }
        if (settings.socketSendBufferBytes() > 0) {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, settings.socketSendBufferBytes());
        }
        if (settings.socketUnsentBytes() > 0 && loops.isEpoll()) {
            // what a client has not read waits in the hub, counted, not in kernel buffers (limits.socket-unsent-bytes)
            bootstrap.childOption(EpollChannelOption.TCP_NOTSENT_LOWAT, (long) settings.socketUnsentBytes());
        } else if (settings.socketUnsentBytes() > 0) {
            LOG.info("limits.socket-unsent-bytes needs the epoll transport (Linux): on this one what a client has not"
                    + " read may wait in its socket's send buffer too, where the hub does not count it");
        }
        var future = bootstrap.bind(settings.host(), settings.port()).await();
        if (!future.isSuccess()) {
            throw new IllegalStateException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + future.cause().getMessage(), future.cause());
        }
        return new HubServer(hub, loops, future.channel(), auth, sse, drain, settings.reusePort());
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return address.getPort();
    }

    /** The address actually bound. */
    public InetSocketAddress address() {
        return address;
    }

    /**
     * Starts draining without closing anything yet: new connections and requests get 503 with {@code Retry-After},
     * {@code /health/ready} answers 503, and the connections already open keep being served. {@link #close(long)}
     * completes the drain. With {@code reuse-port} it stops listening instead, so that new connections reach the other
     * processes bound to the port (a new hub started beside this one). Idempotent; any thread.
     */
    public void startDraining() {
        if (!drain.active()) {
            drain.start();
            if (reusePort) {
                // the port is shared: new connections go to the processes still listening (a new hub), none to this one;
                // waited for (but never on the acceptor's own thread), so a connection made after this call is not ours
                var closing = serverChannel.close();
                if (!serverChannel.eventLoop().inEventLoop()) {
                    closing.awaitUninterruptibly(2, TimeUnit.SECONDS);
                }
                LOG.info("draining: stopped listening; the port is left to the other processes bound with reuse-port");
            } else {
                LOG.info("draining: refusing new connections");
            }
        }
    }

    /** Whether the server is draining (or closed). */
    public boolean draining() {
        return drain.active();
    }

    /**
     * Drains and stops, all within {@code graceMs}: refuses new connections and requests with 503, flushes every
     * throttling window, closes every connection with 1001 once what the windows held has been written to it, waits for
     * the connections to go, then stops listening. Idempotent.
     */
    public void close(long graceMs) {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMs);
        startDraining();
        hub.flushWindows();
        // each on its lane after the frames the flush queued there: windows first, then the close frames
        hub.gateway().closeAll(CloseCode.GOING_AWAY, "server shutting down");
        try {
            while (hub.gateway().connectionCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (hub.gateway().connectionCount() > 0) {
            LOG.warn("{} connections did not close within {} ms", hub.gateway().connectionCount(), graceMs);
        }
        sse.close();
        long left = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        serverChannel.close().awaitUninterruptibly(Math.max(left, 100), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        close(5_000);
    }
}
