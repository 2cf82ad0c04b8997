package dev.realtimehub.bench.ceiling;

import io.netty.channel.Channel;
import java.util.HashSet;
import java.util.Set;

/**
 * One WebSocket connection of the ceiling server as its lane sees it: the channel, its topics, and whether it was
 * written to since the lane's last flush.
 *
 * <p>Confined to the channel's event loop.
 */
final class CeilingSubscriber {

    private final Channel channel;
    private final Set<String> topics = new HashSet<>(4);
    private boolean dirty;

    CeilingSubscriber(Channel channel) {
        this.channel = channel;
    }

    Channel channel() {
        return channel;
    }

    Set<String> topics() {
        return topics;
    }

    boolean dirty() {
        return dirty;
    }

    void dirty(boolean value) {
        this.dirty = value;
    }
}
