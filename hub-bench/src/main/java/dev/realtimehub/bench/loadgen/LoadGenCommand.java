package dev.realtimehub.bench.loadgen;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code loadgen} command: runs one load generator process and prints its report as one JSON line on stdout. */
@Command(name = "loadgen", mixinStandardHelpOptions = true,
        description = {"Opens WebSocket connections, subscribes them to a topic, publishes paced events to"
                + " POST /api/publish and prints one JSON line: deliveries/s, lost, duplicated, latency percentiles,"
                + " server CPU and RSS.",
                "Several processes can share a run: only one publishes (the default), the others get --no-publish"
                        + " and the same --rate/--warmup/--duration, so they agree on the measured seqs."})
public final class LoadGenCommand implements Callable<Integer> {

    @Option(names = "--target", defaultValue = "hub", description = "Name of what is measured, copied into the report.")
    String target;

    @Option(names = "--url", defaultValue = "ws://127.0.0.1:8000/api/ws/realtime",
            description = "WebSocket URL (default ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--publish-url", description = "Publish URL (default: /api/publish on the --url host and port).")
    URI publishUrl;

    @Option(names = {"-c", "--connections"}, defaultValue = "100",
            description = "Connections this process opens (at most " + LoadGenSettings.MAX_CONNECTIONS + ").")
    int connections;

    @Option(names = "--topic", defaultValue = "bench", description = "Topic to subscribe and publish to.")
    String topic;

    @Option(names = "--event-type", defaultValue = "bench", description = "The published events' type.")
    String eventType;

    @Option(names = {"-r", "--rate"}, defaultValue = "100", description = "Events per second (0: idle connections).")
    double rate;

    @Option(names = {"-b", "--payload"}, defaultValue = "200", description = "Bytes of one published event's JSON.")
    int payload;

    @Option(names = "--publish-batch", defaultValue = "1",
            description = "Most events per publish request (default 1: one event per request); more lets the events"
                    + " due at once go together as an array.")
    int publishBatch;

    @Option(names = "--max-in-flight", defaultValue = "256",
            description = "Most publish requests in flight at once, one keep-alive connection each (default"
                    + " ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--rcvbuf", defaultValue = "131072",
            description = "SO_RCVBUF of every WebSocket connection in bytes (default ${DEFAULT-VALUE}; 0: the"
                    + " kernel's autotuning, up to net.ipv4.tcp_rmem's maximum per socket).")
    int receiveBuffer;

    @Option(names = "--acked-file", description = "The publisher writes the acknowledged seqs there; the others read"
            + " it once the stop file exists, to know which events they are owed.")
    Path ackedFile;

    @Option(names = "--reconnect-jitter-ms", defaultValue = "-1",
            description = "Reconnect a connection the server closes after a random 0..N ms and resubscribe with"
                    + " since/epoch (the reconnect storm; -1, the default: stay closed).")
    long reconnectJitterMillis;

    @Option(names = "--no-publish", negatable = false,
            description = "Only hold connections and measure; another process publishes.")
    boolean noPublish;

    @Option(names = {"-w", "--warmup"}, defaultValue = "5", description = "Warm-up seconds (not measured).")
    double warmup;

    @Option(names = {"-d", "--duration"}, defaultValue = "10", description = "Measured seconds.")
    double duration;

    @Option(names = "--drain", defaultValue = "5",
            description = "Seconds without progress after the last publish before missing events count as lost.")
    double drain;

    @Option(names = "--max-wait", defaultValue = "900",
            description = "Most seconds a non-publishing process waits for events or the stop file.")
    double maxWait;

    @Option(names = "--source-addresses", defaultValue = "20",
            description = "Loopback source addresses to spread connections over (127.0.0.1..N; 0: none).")
    int sourceAddresses;

    @Option(names = "--source-offset", defaultValue = "0", description = "Start at 127.0.0.(1+offset).")
    int sourceOffset;

    @Option(names = "--connect-concurrency", defaultValue = "256", description = "Handshakes in flight at once.")
    int connectConcurrency;

    @Option(names = "--threads", defaultValue = "0", description = "Event loop threads (0: one per available core).")
    int threads;

    @Option(names = "--server-pid", split = ",",
            description = "Server process(es) to report CPU and RSS of (default: the one listening on the --url port).")
    List<Long> serverPids;

    @Option(names = "--heap-sample", defaultValue = "0",
            description = "Sample the (first) server's heap with jstat every this many seconds (0: off).")
    double heapSample;

    @Option(names = "--ready-file", description = "Written once all connections are established and subscribed.")
    Path readyFile;

    @Option(names = "--stop-file", description = "Hold the connections until this file exists, then wait for the "
            + "deliveries still due (up to --drain s without progress) and report.")
    Path stopFile;

    @Option(names = "--channels", description = "Subscribe connection i to the channel <topic>:c<(i + index-offset)"
            + " mod N> (zero-padded to the width of N-1; the topic must be declared with channels: true) and publish"
            + " round-robin over the N channels; each event is owed to that channel's subscribers only. Not with"
            + " --filters.")
    Integer channels;

    @Option(names = "--filters", description = "Subscribe connection i to the topic with the filter"
            + " {\"f\":[\"v<(i + index-offset) mod N>\"]} (zero-padded) and give the events f round-robin over the N"
            + " values; each event is owed to that value's subscribers only. Not with --channels.")
    Integer filters;

    @Option(names = "--index-offset", defaultValue = "0", description = "Added to every connection's index for"
            + " --channels and --filters, so that the processes of one run give distinct indexes (default 0).")
    int indexOffset;

    @Option(names = "--api-key", description = "Sent as 'Authorization: Bearer' with each publish.")
    String apiKey;

    @Override
    public Integer call() throws Exception {
        LoadGenSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            System.err.println("loadgen: " + e.getMessage());
            return 2;
        }
        LoadReport report = LoadGenerator.run(settings);
        System.out.println(report.toJson());
        System.out.flush();
        if (report.saturated()) {
            System.err.println("loadgen: WARNING: the load generator used more than 90% of its CPU in the window;"
                    + " its figures measure the load generator, not the server. Use more loadgen processes or fewer"
                    + " connections per process.");
        }
        return 0;
    }

    /** The validated settings the options ask for; an {@link IllegalArgumentException} names a bad option. */
    LoadGenSettings settings() {
        return LoadGenSettings.builder()
                .target(target).webSocketUri(url).publishUri(publishUrl).connections(connections).topic(topic)
                .eventType(eventType).rate(rate).payloadBytes(payload).publishBatch(publishBatch)
                .publish(!noPublish).warmupSeconds(warmup).durationSeconds(duration).drainSeconds(drain)
                .maxWaitSeconds(maxWait).sourceAddresses(sourceAddresses).sourceOffset(sourceOffset)
                .connectConcurrency(connectConcurrency).threads(threads).serverPids(serverPids)
                .heapSampleSeconds(heapSample).readyFile(readyFile).stopFile(stopFile).apiKey(apiKey)
                .maxInFlight(maxInFlight).receiveBufferBytes(receiveBuffer).ackedFile(ackedFile)
                .reconnectJitterMillis(reconnectJitterMillis)
                .channels(channels).filters(filters).indexOffset(indexOffset)
                .build();
    }
}
