package dev.realtimehub.core.topics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The topics every hub has, with their default policies (DESIGN.md, "Topics and delivery policies"). */
public final class BuiltinTopics {

    /** History of {@code metrics}: ten minutes of once-a-second samples from up to ten hub nodes. */
    public static final int METRICS_HISTORY = 6_000;
    /** History of each channel {@code task:<id>}: the last hundred updates of one task, the console's timeline of it. */
    public static final int TASK_HISTORY = 100;
    /** How long a {@code task:<id>} channel outlives its last update and its last viewer: ten minutes. */
    public static final long TASK_CHANNEL_IDLE_MS = 600_000;

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
        // a namespace: task:<id> is one task's channel, every update of it in order (the console's one-task view)
        put(topics, TopicConfig.builder("task").history(TASK_HISTORY).channels(true)
                .channelIdleMs(TASK_CHANNEL_IDLE_MS));
        // GET /api/metrics serves ten minutes of this history: a sample a second from up to ten nodes
        put(topics, TopicConfig.builder("metrics").history(METRICS_HISTORY).presence(true));
        return topics;
    }

    private static void put(Map<String, TopicConfig> topics, TopicConfig.Builder builder) {
        TopicConfig config = builder.build();
        topics.put(config.name(), config);
    }
}
