package dev.realtimehub.transport;

import dev.realtimehub.core.api.CloseCode;
import dev.realtimehub.core.api.Hub;
import dev.realtimehub.core.connection.Connection;
import dev.realtimehub.transport.http.ApiKeyGuard;
import dev.realtimehub.transport.http.DisconnectEndpoint;
import dev.realtimehub.transport.http.HealthEndpoint;
import dev.realtimehub.transport.http.HttpRoutes;
import dev.realtimehub.transport.http.PublishEndpoint;
import dev.realtimehub.transport.http.StaticFileEndpoint;
import dev.realtimehub.transport.http.StatsEndpoint;
import dev.realtimehub.transport.ws.HubWebSocketUpgrade;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's Netty server: binds the port, serves HTTP and WebSocket, and on {@link #close()} tells every client 1001
 * and releases the port.
 *
 * <p>Thread-safe.
 */
public final class HubServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HubServer.class);

    private final Hub hub;
    private final HubEventLoops loops;
    private final Channel serverChannel;
    private volatile boolean closed;

    private final HubWebSocketUpgrade upgrade;

    private HubServer(Hub hub, HubEventLoops loops, Channel serverChannel, HubWebSocketUpgrade upgrade) {
        this.hub = hub;
        this.loops = loops;
        this.serverChannel = serverChannel;
        this.upgrade = upgrade;
    }

    /** WebSocket handshakes refused for a missing, invalid or expired token. */
    public long authFailures() {
        return upgrade.authFailures();
    }

    /**
     * The routes every hub serves, the publishing and admin ones behind {@code guard}; a caller adds its own before
     * {@link #bind}.
     */
    public static HttpRoutes.Builder coreRoutes(Hub hub, ApiKeyGuard guard) {
        return HttpRoutes.builder()
                .exact("/api/publish", guard.protect(new PublishEndpoint(hub)))
                .exact("/api/connections/disconnect", guard.protect(new DisconnectEndpoint(hub)))
                .exact("/api/ws/stats", new StatsEndpoint(hub))
                .exact("/health", new HealthEndpoint(hub));
    }

    /**
     * Binds {@code settings.host():settings.port()} and starts serving {@code hub}.
     *
     * @throws java.net.BindException (wrapped in {@link IllegalStateException}) when the port is taken
     */
    public static HubServer bind(Hub hub, HubEventLoops loops, TransportSettings settings, HubSecurity security,
                                 HttpRoutes routes) throws InterruptedException {
        HubWebSocketUpgrade upgrade = new HubWebSocketUpgrade(hub, loops, settings, security);
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
                .childHandler(new HubChannelInitializer(routes, upgrade, new StaticFileEndpoint(), settings,
                        security.sslContext()));
        var future = bootstrap.bind(settings.host(), settings.port()).await();
        if (!future.isSuccess()) {
            throw new IllegalStateException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + future.cause().getMessage(), future.cause());
        }
        return new HubServer(hub, loops, future.channel(), upgrade);
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The address actually bound. */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /**
     * Stops accepting, flushes every throttling window, closes every connection with 1001 and waits (at most
     * {@code graceMs}) for them to go. Idempotent.
     */
    public void close(long graceMs) {
        if (closed) {
            return;
        }
        closed = true;
        serverChannel.close().awaitUninterruptibly(graceMs, TimeUnit.MILLISECONDS);
        hub.flushWindows();
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (Connection connection : hub.connections().all()) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            closing.add(done);
            connection.session().lane().execute(() -> {
                connection.close(CloseCode.GOING_AWAY, "server shutting down");
                done.complete(null);
            });
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(graceMs, TimeUnit.MILLISECONDS);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMs);
            while (hub.connections().size() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("connections did not close within {} ms", graceMs);
        }
    }

    @Override
    public void close() {
        close(5_000);
    }
}
