package dev.realtimehub.bench.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The Netty transport the bench tools run on: native epoll where it is available (Linux), NIO elsewhere — the same
 * choice the hub makes, so the load generator and the ceiling server are never the slower party for that reason.
 *
 * <p>Stateless and thread-safe.
 */
public final class NettyTransport {

    private NettyTransport() {
    }

    /** Whether the native epoll transport is in use. */
    public static boolean isEpoll() {
        return Epoll.isAvailable();
    }

    /** A group of {@code threads} event loops (0: one per available core) named {@code name}. */
    public static EventLoopGroup group(String name, int threads) {
        int count = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        return new MultiThreadIoEventLoopGroup(count, new DefaultThreadFactory(name, true), ioHandlerFactory());
    }

    /** The client socket channel class. */
    public static Class<? extends SocketChannel> socketChannel() {
        return isEpoll() ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** The server socket channel class. */
    public static Class<? extends ServerChannel> serverChannel() {
        return isEpoll() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    private static IoHandlerFactory ioHandlerFactory() {
        return isEpoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }
}
