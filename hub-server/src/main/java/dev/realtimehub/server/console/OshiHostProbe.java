package dev.realtimehub.server.console;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;

/** Host figures from OSHI: CPU load between two readings' ticks, and available memory as the OS counts it. */
final class OshiHostProbe implements HostProbe {

    private final CentralProcessor processor;
    private final GlobalMemory memory;
    /** Ticks at the previous reading; the sampler's thread only. */
    private long[] previousTicks;

    /** Loads OSHI; throws a {@link LinkageError} where its native access is unavailable. */
    OshiHostProbe() {
        SystemInfo system = new SystemInfo();
        this.processor = system.getHardware().getProcessor();
        this.memory = system.getHardware().getMemory();
        this.previousTicks = processor.getSystemCpuLoadTicks();
    }

    @Override
    public HostFigures sample() {
        double load = processor.getSystemCpuLoadBetweenTicks(previousTicks);
        previousTicks = processor.getSystemCpuLoadTicks();
        long total = memory.getTotal();
        return new HostFigures(load >= 0 ? load * 100 : null, total - memory.getAvailable(), total);
    }
}
