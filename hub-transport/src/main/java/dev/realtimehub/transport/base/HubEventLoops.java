package dev.realtimehub.transport.base;

import dev.realtimehub.core.spi.Scheduler;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The event loops of one hub: an acceptor and the I/O loops (epoll where available, NIO elsewhere), each I/O loop wrapped
 * as one core {@link dev.realtimehub.core.spi.Lane}, and a {@link Scheduler} for core's windows and samplers on a timer
 * thread of its own, so that an I/O loop kept busy by its connections never delays the sampling that tells the hub it
 * is overloaded.
 *
 * <p>Thread-safe.
 */
public final class HubEventLoops implements AutoCloseable {

    private final EventLoopGroup acceptor;
    private final EventLoopGroup io;
    private final Class<? extends ServerChannel> serverChannel;
    private final Map<EventLoop, HubLane> lanes = new ConcurrentHashMap<>();
    private final DefaultEventLoop timerLoop;

    private HubEventLoops(int ioThreads) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("hub-accept"), factory);
        int threads = ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors();
        this.io = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("hub-io"), factory);
        this.serverChannel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        this.timerLoop = new DefaultEventLoop(new DefaultThreadFactory("hub-timer", true));
    }

    /** Starts {@code ioThreads} I/O loops (0: one per core). */
    public static HubEventLoops create(int ioThreads) {
        return new HubEventLoops(ioThreads);
    }

    /** The scheduler core uses for its windows, samplers and timeouts; tasks run on the timer thread, no I/O loop. */
    public Scheduler scheduler() {
        return (task, delayMs) -> {
            ScheduledFuture<?> future = timerLoop.schedule(task, delayMs, TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        };
    }

    /** The lane of an I/O loop. */
    public HubLane laneOf(EventLoop loop) {
        return lanes.computeIfAbsent(loop, HubLane::new);
    }

    public EventLoopGroup acceptor() {
        return acceptor;
    }

    public EventLoopGroup io() {
        return io;
    }

    public Class<? extends ServerChannel> serverChannel() {
        return serverChannel;
    }

    /** Whether the native epoll transport is in use. */
    public boolean isEpoll() {
        return serverChannel == EpollServerSocketChannel.class;
    }

    @Override
    public void close() {
        for (HubLane lane : lanes.values()) {
            try {
                lane.execute(lane::release); // before the loops stop: their last encoded frames go back to the pool
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // the loop is already going; its buffers go with it
            }
        }
        timerLoop.shutdownGracefully(0, 2, TimeUnit.SECONDS); // first: no sampler reaches for a stopping loop
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        acceptor.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        io.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        timerLoop.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
