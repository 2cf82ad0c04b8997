package dev.realtimehub.server.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source of the host's CPU load and memory use for the metrics sampler: OSHI where it loads, else the JVM's own view.
 *
 * <p>Not thread-safe: a probe remembers the previous CPU ticks, so one thread (the sampler's) calls it.
 */
interface HostProbe {

    /** The host's figures now; a figure the source cannot read is null. */
    HostFigures sample();

    /** OSHI if its native access loads on this machine, else {@link JvmHostProbe}. */
    static HostProbe best() {
        try {
            return new OshiHostProbe();
        } catch (LinkageError | RuntimeException e) {
            Logger log = LoggerFactory.getLogger(HostProbe.class);
            log.info("OSHI unavailable ({}); host figures come from the JVM", e.toString());
            return new JvmHostProbe();
        }
    }

    /**
     * One reading of the host.
     *
     * @param cpuPercent CPU busy across all cores since the previous reading, 0..100, or null
     * @param memoryUsedBytes memory in use (total less available), or null
     * @param memoryTotalBytes physical memory, or null
     */
    record HostFigures(Double cpuPercent, Long memoryUsedBytes, Long memoryTotalBytes) {
    }
}
