package dev.realtimehub.bench.loadgen;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * What one load generator process does: how many WebSocket connections it holds and where, whether it publishes and how
 * fast, and how long it warms up and measures.
 *
 * <p>Immutable; validated on construction with the offending option named. Build one with {@link #builder()}.
 *
 * @param target what is measured, copied into the report ({@code hub}, {@code ceiling}, …)
 * @param webSocketUri where the connections go, e.g. {@code ws://127.0.0.1:8000/api/ws/realtime}
 * @param publishUri where events are posted, e.g. {@code http://127.0.0.1:8000/api/publish}
 * @param connections WebSocket connections this process opens (0..19000: one process holds at most ~20,000 sockets)
 * @param topic the topic every connection subscribes to and the publisher posts to
 * @param eventType the {@code type} of the published events
 * @param rate events per second the publisher posts (0: no events, an idle run)
 * @param payloadBytes size of one published event's JSON, padding included
 * @param publishBatch the most events one publish request carries (an array when more than one; default 1, one
 *     event per request as most publishers send them): more than one go together only when they are due at once
 * @param publish whether this process publishes; the others only hold connections and measure
 * @param warmupSeconds events of the first {@code warmupSeconds * rate} seqs are not measured
 * @param durationSeconds the measured window
 * @param drainSeconds after the last publish, how long to wait without progress for missing deliveries
 * @param maxWaitSeconds how long a process that does not publish waits for events or the stop file at most
 * @param sourceAddresses loopback source addresses to spread connections over (127.0.0.1 up to this many; 0: none)
 * @param sourceOffset the first source address used is 127.0.0.(1 + offset), so processes spread differently
 * @param connectConcurrency handshakes in flight at once
 * @param threads event loop threads (0: one per available core)
 * @param serverPids processes whose CPU and memory are reported (empty: found by the WebSocket port with {@code ss})
 * @param heapSampleSeconds how often the server's heap is sampled with {@code jstat} (0: never)
 * @param readyFile written once every connection is established and subscribed, or {@code null}
 * @param stopFile when set, the process keeps its connections until this file exists, then reports
 * @param apiKey sent as {@code Authorization: Bearer} with every publish, or {@code null}
 * @param maxInFlight most publish requests in flight at once (one connection each)
 * @param receiveBufferBytes {@code SO_RCVBUF} of every WebSocket connection (0: the kernel's autotuning), so that the
 *     load generator's receive queues stay bounded (the kernel doubles the value for its bookkeeping)
 * @param ackedFile the publisher writes the seqs the server acknowledged there; a process that does not publish reads
 *     it at the end to know what it is owed ({@code null}: every seq is owed)
 * @param reconnectJitterMillis when ≥ 0, a connection the server closes comes back after a random 0..this many ms and
 *     resubscribes with {@code since}/{@code epoch} (the reconnect storm); -1: it stays closed
 * @param channels when > 0, the topic is a namespace and connection {@code i} subscribes to the channel
 *     {@code <topic>:c<(i + indexOffset) mod channels>}; the publisher sends its events round-robin over the channels
 *     ({@link Audience}); 0: one flat topic
 * @param filters when > 0, connection {@code i} subscribes to the topic with the filter
 *     {@code {"f":["v<(i + indexOffset) mod filters>"]}} and the publisher sets {@code f} round-robin over the values;
 *     0: no filter. Not with {@code channels}
 * @param indexOffset added to the index of every connection of this process, so the processes of one run give
 *     distinct indexes (run.sh passes the connections of the processes before)
 */
public record LoadGenSettings(String target, URI webSocketUri, URI publishUri, int connections, String topic,
                              String eventType, double rate, int payloadBytes, int publishBatch, boolean publish,
                              double warmupSeconds, double durationSeconds, double drainSeconds,
                              double maxWaitSeconds, int sourceAddresses, int sourceOffset, int connectConcurrency,
                              int threads, List<Long> serverPids, double heapSampleSeconds, Path readyFile,
                              Path stopFile, String apiKey, int maxInFlight, int receiveBufferBytes,
                              Path ackedFile, long reconnectJitterMillis, int channels, int filters,
                              int indexOffset) {

    /** The most connections one process may hold (the sandbox allows about 20,000 open files per process). */
    public static final int MAX_CONNECTIONS = 19_000;
    /** The most channels or filter values a run spreads over. */
    public static final int MAX_SLOTS = 1_000_000;

    public LoadGenSettings {
        require(target != null && !target.isBlank(), "--target", "a name", target);
        require(webSocketUri != null && ("ws".equals(webSocketUri.getScheme())), "--url", "a ws:// URI", webSocketUri);
        require(publishUri != null && "http".equals(publishUri.getScheme()), "--publish-url", "an http:// URI",
                publishUri);
        require(connections >= 0 && connections <= MAX_CONNECTIONS, "--connections", "0.." + MAX_CONNECTIONS,
                connections);
        require(topic != null && topic.matches("[a-z][a-z0-9_]*"), "--topic", "a topic name", topic);
        require(eventType != null && eventType.matches("[A-Za-z0-9_]+"), "--event-type", "a word", eventType);
        require(rate >= 0 && rate <= 1_000_000, "--rate", "0..1000000", rate);
        require(payloadBytes >= 0 && payloadBytes <= 1_000_000, "--payload", "0..1000000", payloadBytes);
        require(publishBatch >= 1 && publishBatch <= 10_000, "--publish-batch", "1..10000", publishBatch);
        require(warmupSeconds >= 0, "--warmup", "≥ 0", warmupSeconds);
        require(durationSeconds > 0, "--duration", "> 0", durationSeconds);
        require(drainSeconds >= 0, "--drain", "≥ 0", drainSeconds);
        require(maxWaitSeconds > 0, "--max-wait", "> 0", maxWaitSeconds);
        require(sourceAddresses >= 0 && sourceAddresses <= 254, "--source-addresses", "0..254", sourceAddresses);
        require(sourceOffset >= 0, "--source-offset", "≥ 0", sourceOffset);
        require(connectConcurrency >= 1, "--connect-concurrency", "≥ 1", connectConcurrency);
        require(threads >= 0, "--threads", "≥ 0", threads);
        require(heapSampleSeconds >= 0, "--heap-sample", "≥ 0", heapSampleSeconds);
        require(maxInFlight >= 1 && maxInFlight <= 4096, "--max-in-flight", "1..4096", maxInFlight);
        require(receiveBufferBytes >= 0, "--rcvbuf", "≥ 0", receiveBufferBytes);
        require(reconnectJitterMillis >= -1, "--reconnect-jitter-ms", "≥ 0 (or -1: off)", reconnectJitterMillis);
        require(channels >= 0 && channels <= MAX_SLOTS, "--channels", "1.." + MAX_SLOTS, channels);
        require(filters >= 0 && filters <= MAX_SLOTS, "--filters", "1.." + MAX_SLOTS, filters);
        if (channels > 0 && filters > 0) {
            throw new IllegalArgumentException("--channels and --filters: expected one of them but both were given ("
                    + channels + " channels, " + filters + " filters)");
        }
        require(indexOffset >= 0, "--index-offset", "≥ 0", indexOffset);
        serverPids = serverPids == null ? List.of() : List.copyOf(serverPids);
    }

    private static void require(boolean ok, String option, String expected, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(option + ": expected " + expected + " but was " + value);
        }
    }

    /** Events published in total: warm-up and measured window. */
    public long totalEvents() {
        return Math.round((warmupSeconds + durationSeconds) * rate);
    }

    /** The first seq of the measured window (events before it are warm-up). */
    public long firstMeasuredSeq() {
        return Math.round(warmupSeconds * rate) + 1;
    }

    /** How many events the measured window holds. */
    public long measuredEvents() {
        return totalEvents() - firstMeasuredSeq() + 1;
    }

    /** A builder with the defaults of a small run against a hub on 127.0.0.1:8000. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link LoadGenSettings}; not thread-safe. */
    public static final class Builder {
        private String target = "hub";
        private URI webSocketUri = URI.create("ws://127.0.0.1:8000/api/ws/realtime");
        private URI publishUri;
        private int connections = 100;
        private String topic = "bench";
        private String eventType = "bench";
        private double rate = 100;
        private int payloadBytes = 200;
        private int publishBatch = 1;
        private boolean publish = true;
        private double warmupSeconds = 5;
        private double durationSeconds = 10;
        private double drainSeconds = 5;
        private double maxWaitSeconds = 900;
        private int sourceAddresses = 20;
        private int sourceOffset;
        private int connectConcurrency = 256;
        private int threads;
        private List<Long> serverPids = List.of();
        private double heapSampleSeconds;
        private Path readyFile;
        private Path stopFile;
        private String apiKey;
        private int maxInFlight = 256;
        private int receiveBufferBytes = 128 * 1024;
        private Path ackedFile;
        private long reconnectJitterMillis = -1;
        private Integer channels;
        private Integer filters;
        private int indexOffset;

        private Builder() {
        }

        public Builder target(String value) {
            this.target = value;
            return this;
        }

        /** Sets the WebSocket URI; the publish URI defaults to {@code /api/publish} on the same host and port. */
        public Builder webSocketUri(URI value) {
            this.webSocketUri = value;
            return this;
        }

        public Builder publishUri(URI value) {
            this.publishUri = value;
            return this;
        }

        public Builder connections(int value) {
            this.connections = value;
            return this;
        }

        public Builder topic(String value) {
            this.topic = value;
            return this;
        }

        public Builder eventType(String value) {
            this.eventType = value;
            return this;
        }

        public Builder rate(double value) {
            this.rate = value;
            return this;
        }

        public Builder payloadBytes(int value) {
            this.payloadBytes = value;
            return this;
        }

        public Builder publishBatch(int value) {
            this.publishBatch = value;
            return this;
        }

        public Builder publish(boolean value) {
            this.publish = value;
            return this;
        }

        public Builder warmupSeconds(double value) {
            this.warmupSeconds = value;
            return this;
        }

        public Builder durationSeconds(double value) {
            this.durationSeconds = value;
            return this;
        }

        public Builder drainSeconds(double value) {
            this.drainSeconds = value;
            return this;
        }

        public Builder maxWaitSeconds(double value) {
            this.maxWaitSeconds = value;
            return this;
        }

        public Builder sourceAddresses(int value) {
            this.sourceAddresses = value;
            return this;
        }

        public Builder sourceOffset(int value) {
            this.sourceOffset = value;
            return this;
        }

        public Builder connectConcurrency(int value) {
            this.connectConcurrency = value;
            return this;
        }

        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        public Builder serverPids(List<Long> value) {
            this.serverPids = value;
            return this;
        }

        public Builder heapSampleSeconds(double value) {
            this.heapSampleSeconds = value;
            return this;
        }

        public Builder readyFile(Path value) {
            this.readyFile = value;
            return this;
        }

        public Builder stopFile(Path value) {
            this.stopFile = value;
            return this;
        }

        public Builder apiKey(String value) {
            this.apiKey = value;
            return this;
        }

        public Builder maxInFlight(int value) {
            this.maxInFlight = value;
            return this;
        }

        public Builder receiveBufferBytes(int value) {
            this.receiveBufferBytes = value;
            return this;
        }

        public Builder ackedFile(Path value) {
            this.ackedFile = value;
            return this;
        }

        public Builder reconnectJitterMillis(long value) {
            this.reconnectJitterMillis = value;
            return this;
        }

        /** Spreads the connections and events over {@code value} channels (≥ 1; never set: one flat topic). */
        public Builder channels(Integer value) {
            this.channels = value;
            return this;
        }

        /** Gives the connections {@code value} distinct filters (≥ 1; never set: no filter). */
        public Builder filters(Integer value) {
            this.filters = value;
            return this;
        }

        public Builder indexOffset(int value) {
            this.indexOffset = value;
            return this;
        }

        /** The validated settings. */
        public LoadGenSettings build() {
            requireGiven(channels, "--channels");
            requireGiven(filters, "--filters");
            URI publishTo = publishUri;
            if (publishTo == null && webSocketUri != null) {
                publishTo = URI.create("http://" + webSocketUri.getHost() + ":" + port(webSocketUri) + "/api/publish");
            }
            return new LoadGenSettings(target, webSocketUri, publishTo, connections, topic, eventType, rate,
                    payloadBytes, publishBatch, publish, warmupSeconds, durationSeconds, drainSeconds, maxWaitSeconds,
                    sourceAddresses, sourceOffset, connectConcurrency, threads, serverPids, heapSampleSeconds,
                    readyFile, stopFile, apiKey, maxInFlight, receiveBufferBytes, ackedFile,
                    reconnectJitterMillis, channels == null ? 0 : channels, filters == null ? 0 : filters,
                    indexOffset);
        }

        /** A count that was given must be at least 1 (0 would silently mean the flat topic). */
        private static void requireGiven(Integer value, String option) {
            if (value != null && value < 1) {
                throw new IllegalArgumentException(option + ": expected 1.." + MAX_SLOTS + " but was " + value);
            }
        }

        private static int port(URI uri) {
            return uri.getPort() > 0 ? uri.getPort() : 80;
        }
    }
}
