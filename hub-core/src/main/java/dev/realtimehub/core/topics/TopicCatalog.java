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
