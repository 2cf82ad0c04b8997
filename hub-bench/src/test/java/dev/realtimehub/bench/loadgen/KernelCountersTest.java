package dev.realtimehub.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading {@code nstat -asz} and {@code /proc/net/sockstat} as run.sh records them. */
class KernelCountersTest {

    @Test
    void nstatDeltasAreAfterMinusBeforeForTheShownCounters() {
        Map<String, Long> before = KernelCounters.parseNstat(List.of(
                "#kernel",
                "IpInReceives                    19409              0.0",
                "TcpRetransSegs                  100                0.0",
                "TcpExtTCPRcvQDrop               7                  0.0",
                "TcpExtTCPDelivered              1000               0.0"));
        Map<String, Long> after = KernelCounters.parseNstat(List.of(
                "#kernel",
                "IpInReceives                    99999              0.0",
                "TcpRetransSegs                  350                0.0",
                "TcpExtTCPRcvQDrop               7                  0.0",
                "TcpExtTCPMemoryPressures        2                  0.0",
                "TcpExtTCPDelivered              4000               0.0",
                "garbage line"));

        Map<String, Long> delta = KernelCounters.delta(before, after);

        assertThat(delta).containsEntry("TcpRetransSegs", 250L).containsEntry("TcpExtTCPRcvQDrop", 0L)
                .containsEntry("TcpExtTCPMemoryPressures", 2L) // absent before: counted from 0
                .containsEntry("TcpExtTCPDelivered", 3000L) // data segments: the writes, on loopback
                .doesNotContainKey("IpInReceives") // not one of the shown counters
                .doesNotContainKey("TcpExtTCPBacklogDrop"); // this kernel does not have it
        assertThat(delta.keySet()).containsSubsequence("TcpExtTCPRcvQDrop", "TcpRetransSegs");
    }

    @Test
    void theSockstatPeakIsTheLargestTcpMemInBytes() {
        List<String> samples = List.of(
                "TCP: inuse 11 orphan 0 tw 422 alloc 14 mem 227",
                "TCP: inuse 2011 orphan 0 tw 422 alloc 2014 mem 59700",
                "UDP: inuse 0 mem 9999999",
                "TCP: inuse 2011 orphan 0 tw 422 alloc 2014 mem 1200");

        assertThat(KernelCounters.peakTcpMemBytes(samples, 4096)).isEqualTo(59_700L * 4096);
        assertThat(KernelCounters.peakTcpMemBytes(List.of(), 4096)).isEqualTo(-1);
    }

    @Test
    void tcpMemIsReadInPagesAndAnythingButThreeNumbersIsRefusedNamingTheOption() {
        assertThat(KernelCounters.tcpMemBytes(" 287907\t383879  575814 ", 4096))
                .containsExactly(287907L * 4096, 383879L * 4096, 575814L * 4096);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KernelCounters.tcpMemBytes("1 2", 4096))
                .hasMessageContaining("--tcp-mem");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KernelCounters.tcpMemBytes("1 2 x", 4096))
                .hasMessageContaining("--tcp-mem");
    }
}
