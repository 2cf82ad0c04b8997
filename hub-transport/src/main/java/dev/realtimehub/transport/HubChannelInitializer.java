package dev.realtimehub.transport;

import dev.realtimehub.transport.http.HttpRoutes;
import dev.realtimehub.transport.http.StaticFileEndpoint;
import dev.realtimehub.transport.ws.HubWebSocketUpgrade;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.ssl.SslContext;

/**
 * Builds every accepted channel's pipeline: HTTP codec, keep-alive, body aggregation with the size limit, the request
 * deadline, the drain gate and the router. A WebSocket upgrade later swaps the HTTP stages for frame stages.
 */
final class HubChannelInitializer extends ChannelInitializer<SocketChannel> {

    /** Longest request line and largest header block accepted. */
    static final int MAX_INITIAL_LINE = 8192;
    static final int MAX_HEADER_BYTES = 16384;

    private final HttpRoutes routes;
    private final HubWebSocketUpgrade upgrade;
    private final StaticFileEndpoint staticFiles;
    private final TransportSettings settings;
    private final SslContext sslContext;
    private final HubDrainGate drainGate;

    HubChannelInitializer(HttpRoutes routes, HubWebSocketUpgrade upgrade, StaticFileEndpoint staticFiles,
                          TransportSettings settings, SslContext sslContext, HubDrainGate drainGate) {
        this.drainGate = drainGate;
        this.routes = routes;
        this.upgrade = upgrade;
        this.staticFiles = staticFiles;
        this.settings = settings;
        this.sslContext = sslContext;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (sslContext != null) {
            pipeline.addLast("tls", sslContext.newHandler(channel.alloc()));
        }
        pipeline.addLast("http-codec", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_BYTES, 8192));
        pipeline.addLast("http-keepalive", new HttpServerKeepAliveHandler());
        pipeline.addLast("http-aggregator", new HubHttpAggregator(settings.maxBodyBytes()));
        pipeline.addLast("http-deadline", new HubRequestDeadline(settings.handshakeTimeoutMs()));
        pipeline.addLast(HubDrainGate.NAME, drainGate);
        pipeline.addLast("http-router", new HubHttpHandler(routes, upgrade, staticFiles));
    }
}
