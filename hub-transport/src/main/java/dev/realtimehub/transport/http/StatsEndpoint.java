package dev.realtimehub.transport.http;

import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.api.HubStats;
import dev.realtimehub.core.spi.Transports;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/ws/stats}: the old system's shape ({@code total_connections}, {@code subscriptions},
 * {@code broadcast_stats}) plus per topic its policy, seq, epoch and history size, and the open connections by transport
 * ({@code connections_by_transport}: {@code websocket}, {@code sse}), and per namespace with channels how many channels
 * exist and their subscribers ({@code channels}; {@code channel_count} in all).
 */
public final class StatsEndpoint implements HttpEndpoint {

    private final HubEngine hub;

    public StatsEndpoint(HubEngine hub) {
        this.hub = hub;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        Map<String, Object> body = render(hub.stats());
        Map<String, Object> byTransport = new LinkedHashMap<>();
        for (String transport : Transports.ALL) {
            byTransport.put(transport, hub.counters().connections(transport));
        }
        body.put("connections_by_transport", byTransport);
        // channels (issue 18): per namespace, never one line per channel
        Map<String, Object> channels = new LinkedHashMap<>();
        hub.channels().summary().forEach((namespace, summary) -> channels.put(namespace,
                Map.of("channels", summary.channels(), "subscribers", summary.subscribers())));
        body.put("channels", channels);
        body.put("channel_count", hub.channels().channelCount());
        hub.nodes().whenComplete((nodes, failure) -> {
            if (failure == null && !nodes.isEmpty()) {
                body.put("cluster", cluster(nodes));
            }
            HttpResponses.json(ctx, keepAlive, HttpResponseStatus.OK, body);
        });
    }

    /** The totals of every live node (with Redis): nodes, connections, subscriptions by topic. */
    static Map<String, Object> cluster(Map<String, Map<String, Object>> nodes) {
        long connections = 0;
        Map<String, Long> subscriptions = new LinkedHashMap<>();
        for (Map<String, Object> figures : nodes.values()) {
            if (figures.get("connections") instanceof Number n) {
                connections += n.longValue();
            }
            if (figures.get("subscriptions") instanceof Map<?, ?> perTopic) {
                perTopic.forEach((topic, count) -> {
                    if (count instanceof Number n) {
                        subscriptions.merge(String.valueOf(topic), n.longValue(), Long::sum);
                    }
                });
            }
        }
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("nodes", nodes.size());
        cluster.put("total_connections", connections);
        cluster.put("subscriptions", subscriptions);
        cluster.put("by_node", nodes);
        return cluster;
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
