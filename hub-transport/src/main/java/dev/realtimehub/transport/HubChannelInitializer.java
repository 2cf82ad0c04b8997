package dev.realtimehub.transport;

import dev.realtimehub.transport.base.HubStages;
import dev.realtimehub.transport.base.TransportSettings;
import dev.realtimehub.transport.base.HubDrainGate;
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
 * deadline, the drain gate and the router. A WebSocket upgrade later swaps the HTTP stages for frame stages, and an SSE
 * stream for its heartbeat and stream stages.
 */
final class HubChannelInitializer extends ChannelInitializer<SocketChannel> {

    /** Longest request line and largest header block accepted. */
    static final int MAX_INITIAL_LINE = 8192;
    static final int MAX_HEADER_BYTES = 16384;

    private final HttpRoutes routes;
    private final HttpRoutes transportRoutes;
    private final HubWebSocketUpgrade upgrade;
    private final StaticFileEndpoint staticFiles;
    private final TransportSettings settings;
    private final SslContext sslContext;
    private final HubDrainGate drainGate;

    HubChannelInitializer(HttpRoutes routes, HttpRoutes transportRoutes, HubWebSocketUpgrade upgrade,
                          StaticFileEndpoint staticFiles, TransportSettings settings, SslContext sslContext,
                          HubDrainGate drainGate) {
        this.drainGate = drainGate;
        this.routes = routes;
        this.transportRoutes = transportRoutes;
        this.upgrade = upgrade;
        this.staticFiles = staticFiles;
        this.settings = settings;
        this.sslContext = sslContext;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (sslContext != null) {
            pipeline.addLast(HubStages.TLS, sslContext.newHandler(channel.alloc()));
        }
        pipeline.addLast(HubStages.HTTP_CODEC, new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_BYTES, 8192));
        pipeline.addLast(HubStages.HTTP_KEEPALIVE, new HttpServerKeepAliveHandler());
        pipeline.addLast(HubStages.HTTP_AGGREGATOR, new HubHttpAggregator(settings.maxBodyBytes()));
        pipeline.addLast(HubStages.HTTP_DEADLINE, new HubRequestDeadline(settings.handshakeTimeoutMs()));
        pipeline.addLast(HubStages.HTTP_DRAIN, drainGate);
        pipeline.addLast(HubStages.HTTP_ROUTER, new HubHttpHandler(routes, transportRoutes, upgrade, staticFiles));
    }
}
