package dev.realtimehub.server.console;

import java.util.Arrays;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;

/** Host figures from OSHI: CPU load between two readings' ticks, and available memory as the OS counts it. */
final class OshiHostProbe implements HostProbe {

    private final CentralProcessor processor;
    private final GlobalMemory memory;
    /** Ticks at the previous reading, and the load they gave; the sampler's thread only. */
    private long[] previousTicks;
    private Double load;

    /** Loads OSHI; throws a {@link LinkageError} where its native access is unavailable. */
    OshiHostProbe() {
        SystemInfo system = new SystemInfo();
        this.processor = system.getHardware().getProcessor();
        this.memory = system.getHardware().getMemory();
        this.previousTicks = processor.getSystemCpuLoadTicks();
    }

    @Override
    public HostFigures sample() {
        // OSHI caches the ticks for a few hundred ms: readings closer than that see no change and keep the last load
        long[] ticks = processor.getSystemCpuLoadTicks();
        if (!Arrays.equals(ticks, previousTicks)) {
            double between = processor.getSystemCpuLoadBetweenTicks(previousTicks);
            load = between >= 0 ? between * 100 : null;
            previousTicks = ticks;
        }
        long total = memory.getTotal();
        return new HostFigures(load, total - memory.getAvailable(), total);
    }
}
