package dev.realtimehub.bench.loadgen;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.URI;

/**
 * Builds a load connection's pipeline: HTTP codec and aggregator for the upgrade, Netty's WebSocket client protocol
 * handler (handshake, masking, answering pings), then the {@link LoadClientHandler}.
 */
final class LoadClientInitializer extends ChannelInitializer<SocketChannel> {

    /** Largest server frame accepted: big {@code batch} frames (500 items of a few hundred bytes) must fit. */
    static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private final WebSocketClientProtocolConfig config;
    private final String topic;
    private final LoopTallies tallies;
    private final LoadClientHandler.Outcome outcome;

    LoadClientInitializer(URI webSocketUri, String topic, LoopTallies tallies, LoadClientHandler.Outcome outcome) {
        this.config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(webSocketUri)
                .version(WebSocketVersion.V13)
                .maxFramePayloadLength(MAX_FRAME_BYTES)
                .handleCloseFrames(false)
                .dropPongFrames(true)
                .generateOriginHeader(false)
                .withUTF8Validator(false)
                .handshakeTimeoutMillis(60_000)
                .build();
        this.topic = topic;
        this.tallies = tallies;
        this.outcome = outcome;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("http-codec", new HttpClientCodec());
        pipeline.addLast("http-aggregator", new HttpObjectAggregator(64 * 1024));
        pipeline.addLast("ws-protocol", new WebSocketClientProtocolHandler(config));
        pipeline.addLast("bench", new LoadClientHandler(topic, tallies, outcome));
    }
}
