package dev.realtimehub.bench.ceiling;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * Builds the ceiling server's pipeline: HTTP codec and aggregator, Netty's WebSocket server protocol handler for
 * {@code /api/ws/realtime} (handshake, pings, close frames), then the HTTP API and the frame handler.
 */
final class CeilingInitializer extends ChannelInitializer<SocketChannel> {

    static final String WEBSOCKET_PATH = "/api/ws/realtime";

    private final CeilingFanOut fanOut;
    private final CeilingHttpHandler http;
    private final WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
            .websocketPath(WEBSOCKET_PATH)
            .checkStartsWith(true)
            .maxFramePayloadLength(65536)
            .handshakeTimeoutMillis(30_000)
            .build();

    CeilingInitializer(CeilingFanOut fanOut) {
        this.fanOut = fanOut;
        this.http = new CeilingHttpHandler(fanOut);
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("http-codec", new HttpServerCodec());
        pipeline.addLast("http-aggregator", new HttpObjectAggregator(1 << 20));
        pipeline.addLast("ws-protocol", new WebSocketServerProtocolHandler(config));
        pipeline.addLast("http-api", http);
        pipeline.addLast("ws-frames", new CeilingFrameHandler(fanOut));
    }
}
