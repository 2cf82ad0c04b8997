package dev.realtimehub.redis;

/**
 * The Redis keys and channel of one topic. Every key carries the topic in a hash tag ({@code {logs}}), so a topic's
 * keys share one Redis Cluster slot and a script may touch them all.
 *
 * @param seq the last assigned seq (INCR)
 * @param epoch the current epoch id
 * @param history a stream of events (immediate, batch), or a hash of the latest event per key (conflate)
 * @param order conflate topics: a sorted set of keys by seq, to read the state in seq order and cap it
 * @param evicted conflate topics: the highest seq evicted from the state
 * @param channel where accepted events are published to every node
 * @param idPrefix prefix of the idempotency markers
 */
record RedisKeys(String seq, String epoch, String history, String order, String evicted, String channel,
                 String idPrefix) {

    static RedisKeys of(String prefix, String topic) {
        String base = prefix + "{" + topic + "}:";
        return new RedisKeys(base + "seq", base + "epoch", base + "history", base + "order", base + "evicted",
                base + "events", base + "id:");
    }

    /** The keys a script reads and writes, in the order the scripts expect. */
    String[] scriptKeys() {
        return new String[] {seq, epoch, history, order, evicted};
    }
}
