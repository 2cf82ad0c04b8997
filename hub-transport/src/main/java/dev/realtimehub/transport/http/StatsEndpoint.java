package dev.realtimehub.transport.http;

import dev.realtimehub.core.api.Hub;
import dev.realtimehub.core.api.HubStats;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/ws/stats}: the old system's shape ({@code total_connections}, {@code subscriptions},
 * {@code broadcast_stats}) plus per topic its policy, seq, epoch and history size.
 */
public final class StatsEndpoint implements HttpEndpoint {

    private final Hub hub;

    public StatsEndpoint(Hub hub) {
        this.hub = hub;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        HttpResponses.json(ctx, HttpUtil.isKeepAlive(request), HttpResponseStatus.OK, render(hub.stats()));
    }

    /** The JSON body for {@code stats}. */
    static Map<String, Object> render(HubStats stats) {
        Map<String, Object> subscriptions = new LinkedHashMap<>();
        Map<String, Object> topics = new LinkedHashMap<>();
        for (HubStats.TopicStats topic : stats.topics()) {
            subscriptions.put(topic.name(), topic.subscribers());
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("policy", topic.policy());
            t.put("subscribers", topic.subscribers());
            t.put("seq", topic.seq());
            t.put("epoch", topic.epoch());
            t.put("history_size", topic.historySize());
            t.put("published", topic.published());
            t.put("throttled", topic.throttled());
            t.put("merged", topic.merged());
            t.put("conflated", topic.conflated());
            t.put("frames", topic.frames());
            topics.put(topic.name(), t);
        }
        Map<String, Object> broadcast = new LinkedHashMap<>();
        broadcast.put("total_broadcasts", stats.totalBroadcasts());
        broadcast.put("throttled_count", stats.throttledCount());
        broadcast.put("messages_merged", stats.messagesMerged());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total_connections", stats.connections());
        body.put("subscriptions", subscriptions);
        body.put("broadcast_stats", broadcast);
        body.put("node", stats.nodeId());
        body.put("topics", topics);
        return body;
    }
}
