package dev.realtimehub.bench.loadgen;

import dev.realtimehub.bench.netty.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Posts the benchmark events to {@code POST /api/publish} at a paced rate, one event per request by default (on a run of
 * channels or filters, event {@code s} goes to slot {@code (s - 1) mod N}, round-robin: {@link Audience}), with up to
 * {@code maxInFlight} requests in flight over as many keep-alive HTTP/1.1 connections (one request at a time each,
 * opened as needed) — the way many independent publishers load a server.
 *
 * <p>Event {@code s} (from 1) is due at {@code t0 + (s - 1) / rate}, and its {@code bench_ts} is that scheduled time,
 * not the moment it left: if the server (or the publisher) falls behind, the delay shows up in the measured latency
 * instead of being hidden (no coordinated omission). When every request slot is taken (the server holds its answers),
 * due events wait and leave late: the publisher's lag, and an achieved rate below the asked one.
 *
 * <p>Every answer is accounted per seq: 200 acknowledges the request's events (they are owed to every subscriber),
 * 503 refuses them (not owed), anything else, or a connection that cannot be opened or is lost with a request in
 * flight, fails them (not owed either). The set of acknowledged seqs is part of the result.
 *
 * <p>Pacing state is confined to the publisher's event loop; {@link #start} from any thread.
 */
final class Publisher {

    /**
     * How publishing went.
     *
     * @param published events acknowledged (200)
     * @param refused events answered 503 (the server accepted none of them)
     * @param failed events answered otherwise, or whose request was lost
     * @param acked the acknowledged seqs
     * @param achievedRate acknowledged events of the measured window per second, from the window's start until the
     *     last of them was answered (at least the window)
     * @param peakInFlight most requests in flight at once
     */
    record Result(long published, long refused, long failed, String firstError, double maxLagMs, long requests,
                  Histogram roundTripMicros, BitSet acked, double achievedRate, int peakInFlight) {
    }

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final URI publishUri;
    private final PayloadFactory payload;
    private final long total;
    private final double nanosPerEvent;
    private final int batch;
    private final int maxInFlight;
    private final String apiKey;
    private final long firstMeasuredSeq;
    private final double windowSeconds;
    private final CompletableFuture<Result> done = new CompletableFuture<>();

    // event loop only
    private final ArrayDeque<Slot> idle = new ArrayDeque<>();
    private final BitSet acked = new BitSet();
    private final Histogram roundTripMicros = new Histogram(LoopTally.HIGHEST_MICROS, 3);
    private long t0Nanos;
    private long sent;
    private int inFlight;
    private int peakInFlight;
    private long published;
    private long refused;
    private long failed;
    private long requests;
    private long measuredAcked;
    private long lastMeasuredAckNanos;
    private String firstError;
    private long maxLagNanos;
    private boolean timerArmed;

    Publisher(EventLoopGroup group, LoadGenSettings settings) {
        this.loop = group.next();
        this.publishUri = settings.publishUri();
        this.payload = new PayloadFactory(Audience.of(settings), settings.eventType(), settings.payloadBytes());
        this.total = settings.totalEvents();
        this.nanosPerEvent = 1e9 / settings.rate();
        this.batch = settings.publishBatch();
        this.maxInFlight = settings.maxInFlight();
        this.apiKey = settings.apiKey();
        this.firstMeasuredSeq = settings.firstMeasuredSeq();
        this.windowSeconds = settings.durationSeconds();
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(NettyTransport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20));
                    }
                });
    }

    /** Starts pacing; the first event is due at {@code t0Nanos} ({@link System#nanoTime()} time). */
    CompletableFuture<Result> start(long t0Nanos) {
        loop.execute(() -> {
            this.t0Nanos = t0Nanos;
            pump();
        });
        return done;
    }

    /** The {@code bench_ts} of seq {@code s}: its scheduled publish time, in epoch microseconds. */
    private long scheduledMicros(long seq) {
        return LatencyClock.microsAt(scheduledNanos(seq));
    }

    private long scheduledNanos(long seq) {
        return t0Nanos + (long) ((seq - 1) * nanosPerEvent);
    }

    private void pump() {
        if (done.isDone()) {
            return;
        }
        if (sent >= total) {
            if (inFlight == 0) {
                finish();
            }
            return;
        }
        long now = System.nanoTime();
        long due = now < t0Nanos ? 0 : Math.min(total, (long) ((now - t0Nanos) / nanosPerEvent) + 1);
        while (due > sent && inFlight < maxInFlight) {
            int count = (int) Math.min(due - sent, batch);
            if (sent + 1 >= firstMeasuredSeq) {
                maxLagNanos = Math.max(maxLagNanos, now - scheduledNanos(sent + 1));
            }
            send(sent + 1, count);
            sent += count;
        }
        if (due <= sent && sent < total && !timerArmed) {
            timerArmed = true;
            long wait = Math.max(0, scheduledNanos(sent + 1) - now);
            loop.schedule(() -> {
                timerArmed = false;
                pump();
            }, wait, TimeUnit.NANOSECONDS);
        }
    }

    private void send(long firstSeq, int count) {
        inFlight++;
        peakInFlight = Math.max(peakInFlight, inFlight);
        requests++;
        Slot slot = idle.pollFirst();
        if (slot != null && slot.channel.isActive()) {
            slot.send(firstSeq, count);
            return;
        }
        ChannelFuture connect = bootstrap.connect(publishUri.getHost(), port(publishUri));
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                answered(firstSeq, count, -1, "cannot connect to " + publishUri + ": " + f.cause(), 0);
                return;
            }
            Slot fresh = new Slot(connect.channel());
            connect.channel().pipeline().addLast(fresh);
            fresh.send(firstSeq, count);
        });
    }

    /** Accounts one request's answer ({@code status} -1: no answer) and sends what is due next. */
    private void answered(long firstSeq, int count, int status, String error, long sentNanos) {
        inFlight--;
        if (sentNanos > 0) {
            roundTripMicros.recordValue(Math.min(LoopTally.HIGHEST_MICROS, (System.nanoTime() - sentNanos) / 1000));
        }
        if (status == 200) {
            published += count;
            acked.set((int) firstSeq, (int) (firstSeq + count));
            long measured = Math.max(0, Math.min(total + 1, firstSeq + count) - Math.max(firstMeasuredSeq, firstSeq));
            if (measured > 0) {
                measuredAcked += measured;
                lastMeasuredAckNanos = System.nanoTime();
            }
        } else if (status == 503) {
            refused += count;
        } else {
            failed += count;
        }
        if (status != 200 && firstError == null) {
            firstError = error;
        }
        pump();
    }

    private void finish() {
        if (done.isDone()) {
            return;
        }
        double seconds = Math.max(windowSeconds,
                (lastMeasuredAckNanos - scheduledNanos(firstMeasuredSeq)) / 1e9);
        done.complete(new Result(published, refused, failed, firstError, maxLagNanos / 1e6, requests,
                roundTripMicros, (BitSet) acked.clone(), measuredAcked == 0 ? 0 : measuredAcked / seconds,
                peakInFlight));
        for (Slot slot : idle) {
            slot.channel.close();
        }
        idle.clear();
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : 80;
    }

    /** One keep-alive publish connection with at most one request in flight; on the publisher's loop. */
    private final class Slot extends SimpleChannelInboundHandler<FullHttpResponse> {

        private final Channel channel;
        private long firstSeq;
        private int count;
        private long sentNanos;

        Slot(Channel channel) {
            this.channel = channel;
        }

        void send(long first, int events) {
            this.firstSeq = first;
            this.count = events;
            ByteBuf body = payload.body(channel.alloc(), first, events, Publisher.this::scheduledMicros,
                    LatencyClock.nowMicros());
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                    publishUri.getRawPath(), body);
            request.headers()
                    .set(HttpHeaderNames.HOST, publishUri.getHost() + ":" + port(publishUri))
                    .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            if (apiKey != null) {
                request.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + apiKey);
            }
            sentNanos = System.nanoTime();
            channel.writeAndFlush(request).addListener(f -> {
                if (!f.isSuccess()) {
                    lose("write failed: " + f.cause());
                }
            });
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            if (count == 0) {
                return; // an answer nobody asked for
            }
            int events = count;
            count = 0;
            int status = response.status().code();
            String error = status == 200 ? null
                    : response.status() + " " + response.content().toString(StandardCharsets.UTF_8);
            if (done.isDone()) {
                channel.close();
            } else {
                idle.addLast(this);
            }
            answered(firstSeq, events, status, error, sentNanos);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            idle.remove(this);
            lose("publish connection closed by the server");
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            lose(cause.toString());
            ctx.close();
        }

        /** The request in flight, if any, failed. */
        private void lose(String reason) {
            if (count == 0) {
                return;
            }
            int events = count;
            count = 0;
            answered(firstSeq, events, -1, reason, 0);
        }
    }
}
