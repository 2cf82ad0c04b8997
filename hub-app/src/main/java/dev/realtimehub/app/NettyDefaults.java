package dev.realtimehub.app;

/**
 * Netty settings the standalone server starts with unless the command line sets them ({@code -Dname=value} wins).
 *
 * <p>{@code io.netty.leakDetection.level=disabled}: Netty's default leak detector samples one buffer allocation in
 * 128 and records a stack trace for it; the hub allocates one shared buffer per event and hands every subscriber a
 * duplicate of it, so a sampled buffer makes ten thousand tracked duplicates. At 10,000 connections that was 1.5–2 %
 * of the server's core in a profile (docs/BENCHMARKS.md). The tests and an application that embeds the hub keep
 * Netty's default; to turn the detector back on here, pass {@code -Dio.netty.leakDetection.level=simple}.
 */
final class NettyDefaults {

    static final String LEAK_DETECTION = "io.netty.leakDetection.level";

    private NettyDefaults() {
    }

    /** Sets each default the command line did not set; call before any Netty class is loaded. */
    static void apply() {
        if (System.getProperty(LEAK_DETECTION) == null) {
            System.setProperty(LEAK_DETECTION, "disabled");
        }
    }
}
