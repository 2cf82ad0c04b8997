package dev.realtimehub.core.topics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The topics every hub has, with their default policies (DESIGN.md, "Topics and delivery policies"). */
public final class BuiltinTopics {

    /** History of {@code metrics}: ten minutes of once-a-second samples from up to ten hub nodes. */
    public static final int METRICS_HISTORY = 6_000;

    private BuiltinTopics() {
    }

    /** The built-in topics by name, in a stable order. */
    public static Map<String, TopicConfig> defaults() {
        Map<String, TopicConfig> topics = new LinkedHashMap<>();
        put(topics, TopicConfig.builder("stats").policy(DeliveryPolicy.CONFLATE).conflateKey(List.of("type", "event")));
        put(topics, TopicConfig.builder("rules"));
        put(topics, TopicConfig.builder("system"));
        // presence on the topics the console's pages follow: each page's badge says how many are viewing it
        put(topics, TopicConfig.builder("logs").policy(DeliveryPolicy.BATCH).presence(true));
        put(topics, TopicConfig.builder("alerts"));
        put(topics, TopicConfig.builder("notifications"));
        put(topics, TopicConfig.builder("tasks").policy(DeliveryPolicy.CONFLATE).conflateKey(List.of("task_id"))
                .presence(true));
        // GET /api/metrics serves ten minutes of this history: a sample a second from up to ten nodes
        put(topics, TopicConfig.builder("metrics").history(METRICS_HISTORY).presence(true));
        return topics;
    }

    private static void put(Map<String, TopicConfig> topics, TopicConfig.Builder builder) {
        TopicConfig config = builder.build();
        topics.put(config.name(), config);
    }
}
