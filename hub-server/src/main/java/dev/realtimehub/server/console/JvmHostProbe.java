package dev.realtimehub.server.console;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** Host figures as the JVM sees them ({@code com.sun.management}), for machines where OSHI does not load. */
final class JvmHostProbe implements HostProbe {

    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();

    @Override
    public HostFigures sample() {
        if (!(os instanceof com.sun.management.OperatingSystemMXBean bean)) {
            return new HostFigures(null, null, null);
        }
        double load = bean.getCpuLoad();
        long total = bean.getTotalMemorySize();
        return new HostFigures(load >= 0 ? load * 100 : null, total - bean.getFreeMemorySize(), total);
    }
}
