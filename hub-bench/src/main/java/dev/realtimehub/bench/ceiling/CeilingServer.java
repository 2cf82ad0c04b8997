package dev.realtimehub.bench.ceiling;

import dev.realtimehub.bench.netty.NettyTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling: a minimal raw-Netty broadcast server that speaks the subset of the hub's protocol the load generator uses
 * ({@code connected}, {@code subscribe}, {@code ping}, events, {@code POST /api/publish}) and does nothing but fan out
 * pre-encoded frames — encode once into a shared buffer, writes grouped per event loop, one flush per connection per
 * burst, epoll, and publishers held while a subscriber is unwritable ({@link AudienceWritability}) so that nothing
 * piles up in its queues. What the hub delivers on the same box, divided by what this delivers, says how close the hub comes to
 * what Netty itself can do.
 *
 * <p>Thread-safe.
 */
public final class CeilingServer implements AutoCloseable {

    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final Channel serverChannel;

    private CeilingServer(EventLoopGroup acceptor, EventLoopGroup workers, Channel serverChannel) {
        this.acceptor = acceptor;
        this.workers = workers;
        this.serverChannel = serverChannel;
    }

    /**
     * Starts a ceiling server on {@code host:port} (0: a free port) with {@code threads} I/O loops (0: one per core).
     *
     * @throws IllegalStateException when the port cannot be bound
     */
    public static CeilingServer start(String host, int port, int threads) throws InterruptedException {
        return start(host, port, threads, CeilingTuning.DEFAULT);
    }

    /**
     * Starts a ceiling server that holds its publishers and bounds its sockets as {@code tuning} says.
     *
     * @throws IllegalStateException when the port cannot be bound
     */
    public static CeilingServer start(String host, int port, int threads, CeilingTuning tuning)
            throws InterruptedException {
        EventLoopGroup acceptor = NettyTransport.group("ceiling-accept", 1);
        EventLoopGroup workers = NettyTransport.group("ceiling-io", threads);
        CeilingFanOut fanOut = new CeilingFanOut(workers, tuning);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(NettyTransport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                // the hub's default soft limit, so both flush early under the same backlog
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(128 * 1024, 256 * 1024))
                .childHandler(new CeilingInitializer(fanOut));
        if (tuning.sendBufferBytes() > 0) {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, tuning.sendBufferBytes());
        }
        if (tuning.unsentBytes() > 0 && NettyTransport.isEpoll()) {
            bootstrap.childOption(EpollChannelOption.TCP_NOTSENT_LOWAT, (long) tuning.unsentBytes());
        }
        var bound = bootstrap.bind(host, port).await();
        if (!bound.isSuccess()) {
            acceptor.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + bound.cause().getMessage(),
                    bound.cause());
        }
        return new CeilingServer(acceptor, workers, bound.channel());
    }

    /** The port bound. */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Closes the port and every connection. */
    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
