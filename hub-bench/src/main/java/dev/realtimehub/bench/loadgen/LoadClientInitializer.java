package dev.realtimehub.bench.loadgen;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import java.net.URI;

/**
 * Builds a load connection's pipeline: the {@link LoadClientHandler} alone, which speaks the upgrade and the frames
 * itself, so a read passes through one handler.
 */
final class LoadClientInitializer extends ChannelInitializer<SocketChannel> {

    private final URI webSocketUri;
    private final String topic;
    private final LoopTallies tallies;
    private final LoadClientHandler.Outcome outcome;

    LoadClientInitializer(URI webSocketUri, String topic, LoopTallies tallies, LoadClientHandler.Outcome outcome) {
        this.webSocketUri = webSocketUri;
        this.topic = topic;
        this.tallies = tallies;
        this.outcome = outcome;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline().addLast("bench", new LoadClientHandler(webSocketUri, topic, tallies, outcome));
    }
}
