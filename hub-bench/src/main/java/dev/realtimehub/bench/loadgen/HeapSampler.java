package dev.realtimehub.bench.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples a JVM's heap from outside with {@code jstat -gc <pid>} at a fixed interval: heap in use (eden, survivors and
 * old generation) and the old generation alone, which is what must stay flat over a long run — young-generation use
 * saws up and down with every collection, a leak shows as an old generation that keeps growing across collections.
 *
 * <p>{@code jstat} reads the target's perf-data file (on by default in HotSpot), so the server needs no flag and no
 * endpoint; it is a JVM itself, so each sample costs the load generator's core a fraction of a second of CPU, which is
 * why the interval is seconds. Thread-safe.
 */
final class HeapSampler implements AutoCloseable {

    /**
     * One reading: seconds since sampling began, heap in use, old generation in use, collections so far, and whether
     * it was taken right after a full collection this sampler asked for (then the heap in use is the live set).
     */
    record Sample(double seconds, long usedBytes, long oldUsedBytes, long youngGcs, long fullGcs,
                  boolean afterFullGc) {
    }

    private final long pid;
    private final String jstat;
    private final String jcmd;
    private final ScheduledExecutorService timer;
    private final long startNanos = System.nanoTime();
    private final List<Sample> samples = new ArrayList<>();
    private volatile String error;

    HeapSampler(long pid, double intervalSeconds) {
        this.pid = pid;
        Path beside = Path.of(System.getProperty("java.home"), "bin", "jstat");
        this.jstat = Files.isExecutable(beside) ? beside.toString() : "jstat";
        Path jcmdBeside = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        this.jcmd = Files.isExecutable(jcmdBeside) ? jcmdBeside.toString() : "jcmd";
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bench-heap-sampler");
            thread.setDaemon(true);
            return thread;
        });
        long periodMs = Math.max(100, Math.round(intervalSeconds * 1000));
        timer.scheduleAtFixedRate(this::sample, 0, periodMs, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        sample(false);
    }

    /**
     * Asks the server for a full collection ({@code jcmd <pid> GC.run}) and then samples: the heap in use is then what
     * is live. Taken at the start and the end of the measured window, the two say whether the live heap stayed flat,
     * whatever the collector did in between. Runs on the sampler's thread; waits for it.
     */
    void sampleLive() {
        try {
            timer.submit(() -> {
                try {
                    Process gc = new ProcessBuilder(jcmd, Long.toString(pid), "GC.run").redirectErrorStream(true)
                            .start();
                    gc.getInputStream().readAllBytes();
                    gc.waitFor(30, TimeUnit.SECONDS);
                } catch (IOException e) {
                    error = e.toString();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sample(true);
            }).get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | java.util.concurrent.RejectedExecutionException e) {
            error = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sample(boolean afterFullGc) {
        try {
            Process process = new ProcessBuilder(jstat, "-gc", Long.toString(pid)).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            Sample sample = parse(out, (System.nanoTime() - startNanos) / 1e9, afterFullGc);
            synchronized (samples) {
                samples.add(sample);
            }
        } catch (IOException | RuntimeException e) {
            error = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Parses {@code jstat -gc} output (a header line and a value line, sizes in KB). */
    static Sample parse(String output, double seconds, boolean afterFullGc) {
        String[] lines = output.trim().split("\\R");
        if (lines.length < 2) {
            throw new IllegalArgumentException("unexpected jstat output: " + output.trim());
        }
        String[] names = lines[0].trim().split("\\s+");
        String[] values = lines[lines.length - 1].trim().split("\\s+");
        Map<String, Double> byName = new java.util.HashMap<>();
        for (int i = 0; i < Math.min(names.length, values.length); i++) {
            try {
                byName.put(names[i], Double.parseDouble(values[i]));
            } catch (NumberFormatException e) {
                byName.put(names[i], 0.0); // "-" for a column the collector does not have
            }
        }
        double used = byName.getOrDefault("S0U", 0.0) + byName.getOrDefault("S1U", 0.0)
                + byName.getOrDefault("EU", 0.0) + byName.getOrDefault("OU", 0.0);
        double old = byName.getOrDefault("OU", 0.0);
        return new Sample(seconds, (long) (used * 1024), (long) (old * 1024),
                byName.getOrDefault("YGC", 0.0).longValue(), byName.getOrDefault("FGC", 0.0).longValue(), afterFullGc);
    }

    /** The samples so far. */
    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** Why the last sample failed, or {@code null}. */
    String error() {
        return error;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
