package dev.realtimehub.bench.loadgen;

import dev.realtimehub.bench.netty.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Posts the benchmark events to {@code POST /api/publish} at a paced rate over one keep-alive HTTP/1.1 connection.
 *
 * <p>Event {@code s} (from 1) is due at {@code t0 + (s - 1) / rate}, and its {@code bench_ts} is that scheduled time,
 * not the moment it left: if the server (or the publisher) falls behind, the delay shows up in the measured latency
 * instead of being hidden (no coordinated omission). One request is in flight at a time, so the server sees events in
 * seq order; whatever is due when the previous answer arrives goes in the next request, up to {@code publishBatch}
 * events as a JSON array. How far behind schedule a request of the measured window left at worst is reported as the
 * publisher's lag.
 *
 * <p>Pacing state is confined to the connection's event loop; {@link #start} from any thread.
 */
final class Publisher {

    /** How publishing went. */
    record Result(long published, long failed, String firstError, double maxLagMs, long requests,
                  Histogram roundTripMicros) {
    }

    private final EventLoopGroup group;
    private final URI publishUri;
    private final PayloadFactory payload;
    private final long total;
    private final double nanosPerEvent;
    private final int batch;
    private final String apiKey;
    private final long firstMeasuredSeq;
    private final CompletableFuture<Result> done = new CompletableFuture<>();

    // event loop only
    private Channel channel;
    private long t0Nanos;
    private long sent;
    private int inFlight;
    private long published;
    private long failed;
    private long requests;
    private String firstError;
    private long maxLagNanos;
    private boolean timerArmed;
    private long requestSentNanos;
    private final Histogram roundTripMicros = new Histogram(LoopTally.HIGHEST_MICROS, 3);

    Publisher(EventLoopGroup group, LoadGenSettings settings) {
        this.group = group;
        this.publishUri = settings.publishUri();
        this.payload = new PayloadFactory(settings.topic(), settings.eventType(), settings.payloadBytes());
        this.total = settings.totalEvents();
        this.nanosPerEvent = 1e9 / settings.rate();
        this.batch = settings.publishBatch();
        this.apiKey = settings.apiKey();
        this.firstMeasuredSeq = settings.firstMeasuredSeq();
    }

    /** Connects now; the first event is due at {@code t0Nanos} ({@link System#nanoTime()} time). */
    CompletableFuture<Result> start(long t0Nanos) {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NettyTransport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                                new ResponseHandler());
                    }
                });
        bootstrap.connect(publishUri.getHost(), port(publishUri)).addListener(f -> {
            if (!f.isSuccess()) {
                done.completeExceptionally(new IllegalStateException("cannot connect to " + publishUri, f.cause()));
                return;
            }
            Channel ch = ((io.netty.channel.ChannelFuture) f).channel();
            ch.eventLoop().execute(() -> {
                channel = ch;
                this.t0Nanos = t0Nanos;
                pump();
            });
        });
        return done;
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : 80;
    }

    /** The {@code bench_ts} of seq {@code s}: its scheduled publish time, in epoch microseconds. */
    private long scheduledMicros(long seq) {
        return LatencyClock.microsAt(scheduledNanos(seq));
    }

    private long scheduledNanos(long seq) {
        return t0Nanos + (long) ((seq - 1) * nanosPerEvent);
    }

    private void pump() {
        if (inFlight > 0 || done.isDone()) {
            return;
        }
        if (sent >= total) {
            finish();
            return;
        }
        long now = System.nanoTime();
        long due = now < t0Nanos ? 0 : Math.min(total, (long) ((now - t0Nanos) / nanosPerEvent) + 1);
        if (due > sent) {
            int count = (int) Math.min(due - sent, batch);
            if (sent + 1 >= firstMeasuredSeq) {
                maxLagNanos = Math.max(maxLagNanos, now - scheduledNanos(sent + 1));
            }
            send(sent + 1, count);
            sent += count;
        } else if (!timerArmed) {
            timerArmed = true;
            long wait = Math.max(0, scheduledNanos(sent + 1) - now);
            channel.eventLoop().schedule(() -> {
                timerArmed = false;
                pump();
            }, wait, TimeUnit.NANOSECONDS);
        }
    }

    private void send(long firstSeq, int count) {
        ByteBuf body = payload.body(channel.alloc(), firstSeq, count, this::scheduledMicros);
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                publishUri.getRawPath(), body);
        request.headers()
                .set(HttpHeaderNames.HOST, publishUri.getHost() + ":" + port(publishUri))
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        if (apiKey != null) {
            request.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + apiKey);
        }
        inFlight = count;
        requests++;
        requestSentNanos = System.nanoTime();
        channel.writeAndFlush(request).addListener(f -> {
            if (!f.isSuccess()) {
                fail("write failed: " + f.cause());
            }
        });
    }

    private void onResponse(FullHttpResponse response) {
        int count = inFlight;
        inFlight = 0;
        roundTripMicros.recordValue(Math.min(LoopTally.HIGHEST_MICROS, (System.nanoTime() - requestSentNanos) / 1000));
        if (response.status().code() == 200) {
            published += count;
        } else {
            failed += count;
            if (firstError == null) {
                firstError = response.status() + " " + response.content().toString(StandardCharsets.UTF_8);
            }
        }
        pump();
    }

    private void fail(String reason) {
        if (firstError == null) {
            firstError = reason;
        }
        failed += total - sent + inFlight;
        inFlight = 0;
        sent = total;
        finish();
    }

    private void finish() {
        if (!done.isDone()) {
            done.complete(new Result(published, failed, firstError, maxLagNanos / 1e6, requests, roundTripMicros));
            if (channel != null) {
                channel.close();
            }
        }
    }

    /** Hands responses to the pacing loop and notices a lost connection. */
    private final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            onResponse(response);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (!done.isDone()) {
                fail("publish connection closed by the server");
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(cause.toString());
            ctx.close();
        }
    }
}
