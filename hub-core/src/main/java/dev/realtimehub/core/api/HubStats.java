package dev.realtimehub.core.api;

import java.util.List;

/**
 * A snapshot of a hub's figures, for {@code GET /api/ws/stats}.
 *
 * @param nodeId this hub node's id
 * @param connections open connections
 * @param topics per-topic figures, in catalog order
 */
public record HubStats(String nodeId, int connections, List<TopicStats> topics) {

    public HubStats {
        topics = List.copyOf(topics);
    }

    /** Events accepted on every topic. */
    public long totalBroadcasts() {
        return topics.stream().mapToLong(TopicStats::published).sum();
    }

    /** Events held back in throttling windows on every topic. */
    public long throttledCount() {
        return topics.stream().mapToLong(TopicStats::throttled).sum();
    }

    /** Events delivered inside {@code batch} frames on every topic. */
    public long messagesMerged() {
        return topics.stream().mapToLong(TopicStats::merged).sum();
    }

    /**
     * One topic's figures.
     *
     * @param name topic name
     * @param policy {@code immediate}, {@code batch} or {@code conflate}
     * @param subscribers connections subscribed on this node
     * @param seq last assigned seq
     * @param epoch the epoch of that seq
     * @param historySize events (or keys) its history holds
     * @param published events accepted
     * @param throttled events held back in a window
     * @param merged events delivered inside batch frames
     * @param conflated events replaced by a newer one with the same key
     * @param frames frames fanned out
     */
    public record TopicStats(String name, String policy, int subscribers, long seq, String epoch, int historySize,
                             long published, long throttled, long merged, long conflated, long frames) {
    }
}
