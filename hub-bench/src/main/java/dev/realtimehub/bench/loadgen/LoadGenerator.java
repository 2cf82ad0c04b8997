package dev.realtimehub.bench.loadgen;

import dev.realtimehub.bench.netty.NettyTransport;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One load generator process from start to report: open and subscribe the connections, then publish (or wait for
 * another process's events, or just hold the connections idle) through a warm-up and a measured window, wait for the
 * last deliveries, and account for every event on every connection.
 *
 * <p>The measured window is defined by seqs, so that every process agrees on it without talking to the others: with
 * rate R, warm-up W and duration D, events {@code 1..W·R} are warm-up and {@code W·R+1..(W+D)·R} are measured, and the
 * publisher posts exactly {@code (W+D)·R} events. Their {@code bench_ts} is their scheduled publish time on the
 * wall clock ({@link LatencyClock}), so latency is measured the same way in the publishing process and in one that
 * only holds connections.
 *
 * <p>Not thread-safe: one run at a time, from one thread.
 */
public final class LoadGenerator {

    /** Time from the end of connecting to the first scheduled publish, so the publish connection is ready. */
    static final long PUBLISH_LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long POLL_MS = 20;

    private final LoadGenSettings settings;

    private LoadGenerator(LoadGenSettings settings) {
        this.settings = settings;
    }

    /** Runs {@code settings} to the end and returns the report. */
    public static LoadReport run(LoadGenSettings settings) throws InterruptedException {
        return new LoadGenerator(settings).run();
    }

    private LoadReport run() throws InterruptedException {
        EventLoopGroup group = NettyTransport.group("bench-loadgen", settings.threads());
        // the publisher has a thread of its own, so its pacing never waits behind a loop busy reading frames
        EventLoopGroup publisherGroup = NettyTransport.group("bench-publisher", 1);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bench-window");
            thread.setDaemon(true);
            return thread;
        });
        HeapSampler heap = null;
        try {
            List<Long> pids = serverPids();
            WindowProbe probe = new WindowProbe(pids);
            probe.beforeConnect();
            LoopTallies tallies = new LoopTallies(group, settings.firstMeasuredSeq(), settings.totalEvents(),
                    settings.rate());
            Reconnects reconnects = settings.reconnectJitterMillis() >= 0
                    ? new Reconnects(settings.reconnectJitterMillis()) : null;
            Audience audience = Audience.of(settings);
            Connector.Result connect = new Connector(group, settings.webSocketUri(), audience, tallies,
                    new SourceAddresses(settings.sourceAddresses(), settings.sourceOffset(), isLoopback()),
                    settings.connections(), settings.connectConcurrency(), settings.receiveBufferBytes(), reconnects)
                    .start().join();
            announceReady();

            Publisher.Result publish = null;
            String role;
            long windowStartNanos;
            if (settings.rate() > 0 && settings.publish()) {
                role = "publisher";
                long t0 = System.nanoTime() + PUBLISH_LEAD_NANOS;
                windowStartNanos = t0 + seconds(settings.warmupSeconds());
                CompletableFuture<Publisher.Result> publishing = new Publisher(publisherGroup, settings).start(t0);
                heap = scheduleWindow(timer, probe, pids, windowStartNanos);
                publish = await(publishing, settings.warmupSeconds() + settings.durationSeconds() + 600);
                if (settings.ackedFile() != null) {
                    AckedSeqsFile.write(settings.ackedFile(), publish.acked());
                }
                awaitWindowEnd(probe);
                drain(tallies, audience.owedDeliveries(connect.subscribedBySlot(), publish.acked(),
                        settings.totalEvents()), settings.drainSeconds(), reconnects);
            } else if (settings.rate() > 0) {
                role = "holder";
                windowStartNanos = awaitFirstEvent(tallies) + seconds(settings.warmupSeconds());
                heap = scheduleWindow(timer, probe, pids, windowStartNanos);
                if (settings.stopFile() == null) {
                    awaitWindowEnd(probe);
                    drain(tallies, audience.owedDeliveries(connect.subscribedBySlot(), null, settings.totalEvents()),
                            settings.drainSeconds(), reconnects);
                }
            } else {
                role = "idle";
                windowStartNanos = System.nanoTime() + seconds(settings.warmupSeconds());
                heap = scheduleWindow(timer, probe, pids, windowStartNanos);
                awaitWindowEnd(probe);
            }
            awaitStopFile();
            if ("holder".equals(role) && settings.stopFile() != null) {
                // the publisher is done, but this process's server may still be delivering (another node, behind):
                // what arrives until nothing has for the drain time counts, what does not is lost
                BitSet ackedSoFar = settings.ackedFile() != null ? AckedSeqsFile.read(settings.ackedFile()) : null;
                drain(tallies, audience.owedDeliveries(connect.subscribedBySlot(), ackedSoFar, settings.totalEvents()),
                        settings.drainSeconds(), reconnects);
            }
            if (!probe.ended()) {
                probe.end(); // a holder told to stop before its estimated window closed
            }
            if (heap != null) {
                heap.close();
            }
            if (reconnects != null) {
                reconnects.stop(); // closes from here on are the run ending
            }
            BitSet acked = publish != null ? publish.acked()
                    : settings.ackedFile() != null ? AckedSeqsFile.read(settings.ackedFile()) : null;
            Deliveries deliveries = Deliveries.sum(tallies.snapshots(settings.totalEvents(), acked));
            return new LoadReport(settings, role, connect, publish, deliveries, probe.servers(),
                    heap == null ? List.of() : heap.samples(), heap == null ? null : heap.error(), probe.self(),
                    reconnects == null ? null : reconnects.summary());
        } finally {
            if (heap != null) {
                heap.close();
            }
            timer.shutdownNow();
            publisherGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
            publisherGroup.terminationFuture().awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    /** Schedules the window's two readings (and heap sampling from its start); returns the sampler, if any. */
    private HeapSampler scheduleWindow(ScheduledExecutorService timer, WindowProbe probe, List<Long> pids,
                                       long startNanos) {
        long now = System.nanoTime();
        HeapSampler heap = null;
        if (settings.heapSampleSeconds() > 0 && !pids.isEmpty()) {
            // sampling starts with the warm-up so a long run shows the heap from its beginning
            heap = new HeapSampler(pids.get(0), settings.heapSampleSeconds());
        }
        HeapSampler sampler = heap;
        timer.schedule(() -> {
            if (sampler != null) {
                sampler.sampleLive(); // the live heap as the window opens
            }
            probe.start();
        }, Math.max(0, startNanos - now), TimeUnit.NANOSECONDS);
        timer.schedule(() -> {
            if (sampler != null) {
                sampler.sampleLive(); // and as it closes (its collection falls inside the window: one pause in minutes)
            }
            probe.end();
        }, Math.max(0, startNanos + seconds(settings.durationSeconds()) - now), TimeUnit.NANOSECONDS);
        return heap;
    }

    private void awaitWindowEnd(WindowProbe probe) throws InterruptedException {
        while (!probe.ended()) {
            Thread.sleep(POLL_MS);
        }
    }

    /** How long deliveries must pause, once the expected count is reached, before the drain ends. */
    static final long SETTLED_MILLIS = 1_000;

    /**
     * Waits until {@code expected} deliveries arrived and then none for {@link #SETTLED_MILLIS}, or nothing moved for
     * {@code quietSeconds}. The count of deliveries includes events whose publish the publisher could not confirm (a
     * reset connection, an answer lost) but the hub accepted: with those, the count reaches the owed figure while owed
     * events are still on their way, and ending there would count them lost. So reaching it only ends the drain once
     * the stream has paused. In a reconnect storm it also waits for every closed client to be back (its resubscription
     * answered), and a resubscription counts as movement: with a slow publisher every owed event may have arrived
     * before the storm, and the clients still away would otherwise never be counted back.
     */
    private static void drain(LoopTallies tallies, long expected, double quietSeconds, Reconnects reconnects)
            throws InterruptedException {
        long quietNanos = seconds(quietSeconds);
        long settledNanos = Math.min(quietNanos, TimeUnit.MILLISECONDS.toNanos(SETTLED_MILLIS));
        long last = progress(tallies, reconnects);
        long lastChange = System.nanoTime();
        while (true) {
            Thread.sleep(POLL_MS);
            long now = progress(tallies, reconnects);
            boolean done = tallies.received() >= expected && (reconnects == null || reconnects.everyoneBack());
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > (done ? settledNanos : quietNanos)) {
                return;
            }
        }
    }

    /** Deliveries plus answered resubscriptions: what moves while a run drains. */
    private static long progress(LoopTallies tallies, Reconnects reconnects) {
        return tallies.received() + (reconnects == null ? 0 : reconnects.resubscribed());
    }

    /** A holder's estimate of the publisher's start: when its connections first received anything. */
    private long awaitFirstEvent(LoopTallies tallies) throws InterruptedException {
        long deadline = System.nanoTime() + seconds(settings.maxWaitSeconds());
        while (tallies.received() == 0 && System.nanoTime() < deadline && !stopRequested()) {
            Thread.sleep(POLL_MS);
        }
        return System.nanoTime();
    }

    private void awaitStopFile() throws InterruptedException {
        if (settings.stopFile() == null) {
            return;
        }
        long deadline = System.nanoTime() + seconds(settings.maxWaitSeconds());
        while (!stopRequested() && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MS * 5);
        }
    }

    private boolean stopRequested() {
        return settings.stopFile() != null && Files.exists(settings.stopFile());
    }

    private void announceReady() {
        if (settings.readyFile() == null) {
            return;
        }
        try {
            Files.writeString(settings.readyFile(), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the ready file " + settings.readyFile(), e);
        }
    }

    private List<Long> serverPids() {
        if (!settings.serverPids().isEmpty()) {
            return settings.serverPids();
        }
        int port = settings.webSocketUri().getPort() > 0 ? settings.webSocketUri().getPort() : 80;
        List<Long> found = new ArrayList<>();
        ServerPidFinder.listeningOn(port).ifPresent(found::add);
        return found;
    }

    private boolean isLoopback() {
        try {
            return InetAddress.getByName(settings.webSocketUri().getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static <T> T await(CompletableFuture<T> future, double timeoutSeconds) throws InterruptedException {
        try {
            return future.get(seconds(timeoutSeconds), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("publishing did not finish within " + timeoutSeconds + " s", e);
        }
    }

    private static long seconds(double seconds) {
        return (long) (seconds * 1e9);
    }
}
