package dev.realtimehub.bench.loadgen;

import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The kernel's view of a run: deltas of the TCP counters {@code nstat -asz} printed before and after it (drops,
 * retransmits, memory pressure — what a server that lets its socket queues grow without bound causes on loopback), and
 * the peak of the TCP memory {@code /proc/net/sockstat} reported while it ran.
 *
 * <p>The counters are the whole machine's: anything else using TCP at the same time counts too. Stateless and
 * thread-safe.
 */
final class KernelCounters {

    /**
     * The counters a run's summary shows, in this order (others are parsed but not shown). {@code TcpExtTCPDelivered}
     * counts the data segments acknowledged: on loopback, whose segments hold up to 64 KiB, about one per write system
     * call of either side, so a run's deliveries divided by it tell how many frames a server puts into one call.
     */
    static final List<String> SHOWN = List.of("TcpExtTCPRcvQDrop", "TcpRetransSegs", "TcpExtTCPMemoryPressures",
            "TcpExtTCPMemoryPressuresChrono", "TcpExtTCPBacklogDrop", "TcpExtTCPOFOQueue", "TcpExtTCPOFODrop",
            "TcpExtTCPZeroWindowDrop", "TcpExtPruneCalled", "TcpExtRcvPruned", "TcpExtTCPAbortOnMemory",
            "TcpExtListenOverflows", "TcpExtListenDrops", "TcpExtTCPToZeroWindowAdv", "TcpExtTCPLossProbes",
            "TcpExtTCPTimeouts", "TcpExtTCPDelivered");

    private KernelCounters() {
    }

    /**
     * The counters of one {@code nstat -a} output: lines of name, value and (ignored) rate; the {@code #kernel} header
     * and anything unparseable are skipped.
     */
    static Map<String, Long> parseNstat(List<String> lines) {
        Map<String, Long> counters = new LinkedHashMap<>();
        for (String line : lines) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 2 || fields[0].startsWith("#")) {
                continue;
            }
            try {
                counters.put(fields[0], Long.parseLong(fields[1]));
            } catch (NumberFormatException e) {
                // not a counter line
            }
        }
        return counters;
    }

    /**
     * {@code after - before} of every {@link #SHOWN} counter present in {@code after} (a counter missing before counts
     * from 0; one the kernel does not have is left out).
     */
    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new LinkedHashMap<>();
        for (String name : SHOWN) {
            Long end = after.get(name);
            if (end != null) {
                delta.put(name, end - before.getOrDefault(name, 0L));
            }
        }
        return delta;
    }

    /**
     * The largest TCP {@code mem} (pages) of the {@code /proc/net/sockstat} samples in {@code lines} (each a copy of its
     * {@code TCP: inuse … mem N} line, other lines skipped), in bytes; -1 when there was none.
     */
    static long peakTcpMemBytes(List<String> lines, long pageSize) {
        long peak = -1;
        for (String line : lines) {
            int at = line.indexOf("TCP:");
            if (at < 0) {
                continue;
            }
            String[] fields = line.substring(at + 4).trim().split("\\s+");
            for (int i = 0; i + 1 < fields.length; i++) {
                if ("mem".equals(fields[i])) {
                    try {
                        peak = Math.max(peak, Long.parseLong(fields[i + 1]) * pageSize);
                    } catch (NumberFormatException e) {
                        // not a number: skip the sample
                    }
                }
            }
        }
        return peak;
    }

    /**
     * {@code net.ipv4.tcp_mem} ("low pressure high", in pages) in bytes: below low the kernel does not limit TCP
     * memory, past pressure it shrinks buffers and drops what a receive queue cannot take.
     *
     * @throws IllegalArgumentException unless it is three whole numbers
     */
    static List<Long> tcpMemBytes(String pages, long pageSize) {
        String[] fields = pages.trim().split("\\s+");
        String refusal = "--tcp-mem: expected three numbers of pages but was '" + pages + "'";
        if (fields.length != 3) {
            throw new IllegalArgumentException(refusal);
        }
        List<Long> bytes = new ArrayList<>(3);
        for (String field : fields) {
            try {
                bytes.add(Long.parseLong(field) * pageSize);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(refusal, e);
            }
        }
        return bytes;
    }
}
