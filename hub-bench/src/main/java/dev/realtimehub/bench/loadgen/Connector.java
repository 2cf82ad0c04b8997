package dev.realtimehub.bench.loadgen;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.EventLoopGroup;
import dev.realtimehub.bench.netty.NettyTransport;
import java.net.InetSocketAddress;
import java.net.URI;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens the load generator's WebSocket connections with a bounded number of handshakes in flight, each bound to one
 * of the {@link SourceAddresses} in turn, and completes once every attempt has ended (subscribed or failed).
 *
 * <p>Thread-safe: attempts end on any event loop.
 */
final class Connector {

    /**
     * How one batch of attempts ended.
     *
     * @param subscribedBySlot connections subscribed per slot of the {@link Audience} (one slot on a flat topic)
     */
    record Result(int subscribed, int failed, String firstFailure, double seconds, int[] subscribedBySlot) {
    }

    private final Bootstrap bootstrap = new Bootstrap();
    private final URI webSocketUri;
    private final Audience audience;
    private final AtomicIntegerArray subscribedBySlot;
    private final LoopTallies tallies;
    private final LoadClientHandler.Outcome outcome;
    private final Reconnects reconnects;
    private final InetSocketAddress remote;
    private final SourceAddresses sources;
    private final int count;
    private final int concurrency;
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger subscribed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final CompletableFuture<Result> done = new CompletableFuture<>();
    private long startNanos;

    Connector(EventLoopGroup group, URI webSocketUri, Audience audience, LoopTallies tallies, SourceAddresses sources,
              int count, int concurrency, int receiveBufferBytes, Reconnects reconnects) {
        this.webSocketUri = webSocketUri;
        this.audience = audience;
        this.subscribedBySlot = new AtomicIntegerArray(audience.slots());
        this.tallies = tallies;
        this.reconnects = reconnects;
        this.remote = new InetSocketAddress(webSocketUri.getHost(),
                webSocketUri.getPort() > 0 ? webSocketUri.getPort() : 80);
        this.sources = sources;
        this.count = count;
        this.concurrency = concurrency;
        this.outcome = new LoadClientHandler.Outcome() {
            @Override
            public void subscribed(LoadClientHandler handler) {
                subscribedBySlot.incrementAndGet(handler.subscription().slot());
                subscribed.incrementAndGet();
                next();
            }

            @Override
            public void failed(String reason) {
                firstFailure.compareAndSet(null, reason);
                failed.incrementAndGet();
                next();
            }
        };
        bootstrap
                .group(group)
                .channel(NettyTransport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
        if (receiveBufferBytes > 0) {
            // set before connect, so the window scale fits it; bounds what one connection holds in the kernel
            bootstrap.option(ChannelOption.SO_RCVBUF, receiveBufferBytes);
        }
        if (NettyTransport.isEpoll()) {
            // a connection from a chosen source address binds before it connects: let the kernel choose its port at
            // connect time by the whole 4-tuple (ip(7)), as for a connection without one, instead of at bind time,
            // where every port bound on that address counts as taken
            bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
    }

    /** Starts the attempts; the future completes when all of them have ended. */
    CompletableFuture<Result> start() {
        startNanos = System.nanoTime();
        if (count == 0) {
            done.complete(new Result(0, 0, null, 0, new int[audience.slots()]));
            return done;
        }
        for (int i = 0; i < Math.min(concurrency, count); i++) {
            launch();
        }
        return done;
    }

    private void next() {
        if (subscribed.get() + failed.get() == count) {
            int[] bySlot = new int[audience.slots()];
            for (int k = 0; k < bySlot.length; k++) {
                bySlot[k] = subscribedBySlot.get(k);
            }
            done.complete(new Result(subscribed.get(), failed.get(), firstFailure.get(),
                    (System.nanoTime() - startNanos) / 1e9, bySlot));
            return;
        }
        launch();
    }

    private void launch() {
        int i = started.getAndIncrement();
        if (i >= count) {
            return;
        }
        InetSocketAddress local = sources.forConnection(i);
        Bootstrap b = bootstrap.clone().handler(new LoadClientInitializer(webSocketUri, tallies, outcome,
                new Resumption(i, audience.subscription(i)), reconnects, this::redial));
        ChannelFuture connect = local == null ? b.connect(remote) : b.connect(remote, local);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                // the handler never saw this channel become active; account the attempt here
                firstFailure.compareAndSet(null, "connect to " + remote + " from " + local + ": " + f.cause());
                failed.incrementAndGet();
                next();
            }
        });
    }

    /**
     * Opens {@code resumption}'s next connection on {@code loop} after {@code delayMillis}, and again after the
     * client's backoff while attempts fail, until the run stops.
     */
    private void redial(Resumption resumption, long delayMillis, EventLoop loop) {
        if (reconnects == null || reconnects.stopping()) {
            return;
        }
        LoadClientHandler.Outcome retry = new LoadClientHandler.Outcome() {
            @Override
            public void subscribed(LoadClientHandler handler) {
                // counted by the handler (recovered or not)
            }

            @Override
            public void failed(String reason) {
                reconnects.onAttemptFailed();
                redial(resumption, reconnects.retryDelayMillis(resumption.nextAttempt() + 1), loop);
            }
        };
        try {
            loop.schedule(() -> {
                if (reconnects.stopping()) {
                    return;
                }
                InetSocketAddress local = sources.forConnection(resumption.index());
                Bootstrap b = bootstrap.clone(loop).handler(new LoadClientInitializer(webSocketUri, tallies,
                        retry, resumption, reconnects, this::redial));
                ChannelFuture connect = local == null ? b.connect(remote) : b.connect(remote, local);
                connect.addListener(f -> {
                    if (!f.isSuccess()) {
                        retry.failed(String.valueOf(f.cause()));
                    }
                });
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the loop is shutting down: the run is over
        }
    }
}
