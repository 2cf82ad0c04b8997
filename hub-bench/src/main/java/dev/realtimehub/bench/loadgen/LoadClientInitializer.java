package dev.realtimehub.bench.loadgen;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import java.net.URI;

/**
 * Builds one load connection's pipeline: the {@link LoadClientHandler} alone, which speaks the upgrade and the frames
 * itself, so a read passes through one handler; the client it serves ({@link Resumption}) outlives the connection.
 */
final class LoadClientInitializer extends ChannelInitializer<SocketChannel> {

    private final URI webSocketUri;
    private final LoopTallies tallies;
    private final LoadClientHandler.Outcome outcome;
    private final Resumption resumption;
    private final Reconnects reconnects;
    private final LoadClientHandler.Redial redial;

    LoadClientInitializer(URI webSocketUri, LoopTallies tallies, LoadClientHandler.Outcome outcome,
                          Resumption resumption, Reconnects reconnects, LoadClientHandler.Redial redial) {
        this.webSocketUri = webSocketUri;
        this.tallies = tallies;
        this.outcome = outcome;
        this.resumption = resumption;
        this.reconnects = reconnects;
        this.redial = redial;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline().addLast("bench", new LoadClientHandler(webSocketUri, tallies, outcome, resumption,
                reconnects, redial));
    }
}
