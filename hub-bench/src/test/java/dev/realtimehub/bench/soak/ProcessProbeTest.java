package dev.realtimehub.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessProbeTest {

    @Test
    void readsThisJvmsRssFdsAndHeapFromOutside() {
        long pid = ProcessHandle.current().pid();

        SoakSample.NodeReading reading = new ProcessProbe(4096).read(pid, null);

        assertThat(reading.pid()).isEqualTo(pid);
        assertThat(reading.rssBytes()).isGreaterThan(10e6);
        assertThat(reading.fds()).isGreaterThan(3);
        assertThat(reading.heapBytes()).as("jstat -gc of this JVM").isGreaterThan(1e6);
        assertThat(reading.liveHeapBytes()).as("not asked for").isNaN();
    }

    @Test
    void aFullCollectionAskedOfThisJvmLeavesWhatIsReachable() {
        long pid = ProcessHandle.current().pid();
        byte[][] kept = new byte[64][];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = new byte[1 << 20]; // 64 MiB that stays reachable
        }

        SoakSample.NodeReading reading = new ProcessProbe(4096).read(pid, null, true);

        assertThat(reading.liveHeapBytes()).as("jcmd GC.run, then jstat's old generation")
                .isGreaterThan(64.0 * (1 << 20)).isLessThan(reading.heapBytes() + 1);
        assertThat(java.util.Arrays.stream(kept).mapToInt(block -> block.length).sum()).isEqualTo(64 << 20);
    }

    @Test
    void aProcessThatIsGoneReadsAsDown() {
        assertThat(new ProcessProbe(4096).read(0, null).rssBytes()).isNaN();
        assertThat(new ProcessProbe(4096).read(Integer.MAX_VALUE, null).fds()).isNaN();
    }

    @Test
    void parsesSockstatAndJstatOutput() {
        String sockstat = "sockets: used 312\nTCP: inuse 20 orphan 0 tw 3 alloc 25 mem 77\nUDP: inuse 2 mem 4\n";
        assertThat(ProcessProbe.tcpMemPages(sockstat)).isEqualTo(77);
        assertThat(ProcessProbe.tcpMemPages("UDP: inuse 2 mem 4\n")).isNaN();

        String jstat = """
                 S0C    S1C    S0U    S1U      EC       EU        OC         OU       MC     MU    CCSC   CCSU   YGC     YGCT    FGC    FGCT    CGC    CGCT     GCT
                 0.0   1024.0  0.0   512.0  20480.0  4096.0   40960.0    8192.0  30000.0 29000.0 3000.0 2800.0     5    0.050   0      0.000   2    0.003    0.053
                """;
        assertThat(ProcessProbe.heapUsedBytes(jstat)).isEqualTo((512 + 4096 + 8192) * 1024.0);
        assertThat(ProcessProbe.heapUsedBytes("12345 not found")).isNaN();
        assertThat(ProcessProbe.oldGenBytes(jstat)).isEqualTo(8192 * 1024.0);
        assertThat(ProcessProbe.oldGenBytes(null)).isNaN();

        String prometheus = """
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.2E7
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5.0E7
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 3000000.0
                """;
        assertThat(ProcessProbe.prometheusHeapBytes(prometheus)).isEqualTo(15e6);
        assertThat(ProcessProbe.prometheusHeapBytes("hub_connections 3\n")).isNaN();
        assertThat(ProcessProbe.prometheusOldGenBytes(prometheus)).isEqualTo(3e6);
        assertThat(ProcessProbe.prometheusOldGenBytes("hub_connections 3\n")).isNaN();
        assertThat(ProcessProbe.prometheusGauge(prometheus + "hub_connections 1234.0\n", "hub_connections"))
                .isEqualTo(1234);
        assertThat(ProcessProbe.prometheusGauge(prometheus, "hub_connections")).isNaN();
    }
}
