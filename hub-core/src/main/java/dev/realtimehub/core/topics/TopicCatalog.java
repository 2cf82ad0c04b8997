package dev.realtimehub.core.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fixed set of topics a hub serves, each with a dense index for array lookups. Immutable and thread-safe. */
public final class TopicCatalog {

    private final List<TopicConfig> topics;
    private final Map<String, Integer> indexByName;

    /** A catalog of {@code topics} in the given order; names must be unique. */
    public TopicCatalog(Collection<TopicConfig> topics) {
        this.topics = List.copyOf(topics);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < this.topics.size(); i++) {
            if (index.put(this.topics.get(i).name(), i) != null) {
                throw new IllegalArgumentException("duplicate topic " + this.topics.get(i).name());
            }
        }
        this.indexByName = Map.copyOf(index);
    }

    /** The built-in topics overridden and extended by {@code configured} (same name replaces). */
    public static TopicCatalog withDefaults(Collection<TopicConfig> configured) {
        Map<String, TopicConfig> merged = new LinkedHashMap<>(BuiltinTopics.defaults());
        for (TopicConfig topic : configured) {
            merged.put(topic.name(), topic);
        }
        return new TopicCatalog(merged.values());
    }

    /** The index of {@code name}, or -1 for an unknown topic. */
    public int indexOf(String name) {
        Integer index = name == null ? null : indexByName.get(name);
        return index == null ? -1 : index;
    }

    /**
     * Why {@code name} names neither a topic nor a channel ({@code ns:key} of a namespace declared with
     * {@code channels: true}), or {@code null} when it names one.
     */
    public String refusal(String name) {
        if (indexOf(name) >= 0) {
            return null;
        }
        if (!ChannelName.looksLikeChannel(name)) {
            return "Unknown topic: " + clip(name);
        }
        ChannelName channel;
        try {
            channel = ChannelName.parse(name);
        } catch (IllegalArgumentException e) {
            return "Invalid channel '" + clip(name) + "': " + e.getMessage();
        }
        int namespace = indexOf(channel.namespace());
        if (namespace < 0) {
            return "Unknown namespace: " + channel.namespace();
        }
        if (!get(namespace).channels()) {
            return "Topic " + channel.namespace() + " has no channels (it is not declared with channels: true)";
        }
        return null;
    }

    /** The index of the namespace of channel {@code name}, or -1 when it is not a channel of a known namespace. */
    public int namespaceOf(String name) {
        if (!ChannelName.isValid(name)) {
            return -1;
        }
        int namespace = indexOf(name.substring(0, name.indexOf(':')));
        return namespace >= 0 && get(namespace).channels() ? namespace : -1;
    }

    private static String clip(String name) {
        return name == null ? null : name.length() <= 64 ? name : name.substring(0, 64) + "…";
    }

    /** The topic at {@code index}. */
    public TopicConfig get(int index) {
        return topics.get(index);
    }

    /** How many topics there are. */
    public int size() {
        return topics.size();
    }

    /** Every topic, in index order. */
    public List<TopicConfig> all() {
        return topics;
    }

    /** Every topic name, in index order. */
    public List<String> names() {
        List<String> names = new ArrayList<>(topics.size());
        for (TopicConfig topic : topics) {
            names.add(topic.name());
        }
        return names;
    }
}
