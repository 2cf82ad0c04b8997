package dev.realtimehub.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A WebSocket client that reads at a set pace (a slow link, a busy tab) and records what it was sent on one topic:
 * event seqs in arrival order, {@code gap} ranges and the close code. Its own thread reads; any thread may look.
 */
public final class PacedReader implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RawWebSocket socket;
    private final String topic;
    private final List<Long> seqs = new ArrayList<>();
    private final List<long[]> gaps = new ArrayList<>();
    private volatile int closeCode;
    private volatile String closeReason;
    private final Thread thread;

    private PacedReader(RawWebSocket socket, String topic) {
        this.socket = socket;
        this.topic = topic;
        this.thread = new Thread(this::read, "paced-reader");
        this.thread.setDaemon(true);
    }

    /**
     * Connects with a small receive buffer, subscribes to {@code topic} and reads at no more than {@code bytesPerSecond}
     * (0: not at all, a frozen tab).
     */
    public static PacedReader open(int port, String topic, long bytesPerSecond) throws IOException {
        RawWebSocket socket = RawWebSocket.connect(port, 16 * 1024);
        socket.timeout(0);
        socket.sendText("{\"action\":\"subscribe\",\"topic\":\"" + topic + "\"}");
        socket.readTextContaining("\"subscription\"");
        PacedReader reader = new PacedReader(socket, topic);
        if (bytesPerSecond > 0) {
            socket.readSlowly(bytesPerSecond, Long.MAX_VALUE);
            reader.thread.start();
        }
        return reader;
    }

    private void read() {
        try {
            while (true) {
                RawWebSocket.ServerFrame frame = socket.readFrame();
                if (frame.opcode() == 8) {
                    byte[] payload = frame.payload();
                    closeReason = payload.length > 2
                            ? new String(payload, 2, payload.length - 2, java.nio.charset.StandardCharsets.UTF_8) : "";
                    closeCode = frame.closeCode();
                    return;
                }
                if (frame.opcode() == 1) {
                    take(JSON.readTree(frame.text()));
                }
            }
        } catch (IOException e) {
            if (closeCode == 0) {
                closeCode = -1; // ended without a close frame
            }
        }
    }

    private void take(JsonNode message) {
        if (!topic.equals(message.path("topic").asText())) {
            return;
        }
        String type = message.path("type").asText();
        synchronized (this) {
            if ("gap".equals(type)) {
                gaps.add(new long[] {message.path("from").asLong(), message.path("to").asLong()});
            } else if ("batch".equals(type)) {
                message.path("items").forEach(item -> seqs.add(item.path("seq").asLong()));
            } else if (message.has("seq")) {
                seqs.add(message.path("seq").asLong());
            }
        }
    }

    /** The seqs received, in arrival order. */
    public synchronized List<Long> seqs() {
        return List.copyOf(seqs);
    }

    /** The {@code gap} ranges received, as {from, to}. */
    public synchronized List<long[]> gaps() {
        return List.copyOf(gaps);
    }

    /** Whether every seq from 1 to {@code last} arrived, or lies in a range a {@code gap} told of. */
    public synchronized boolean accountedUpTo(long last) {
        boolean[] seen = new boolean[(int) last + 1];
        for (long seq : seqs) {
            if (seq <= last) {
                seen[(int) seq] = true;
            }
        }
        for (long[] gap : gaps) {
            for (long seq = gap[0]; seq <= Math.min(gap[1], last); seq++) {
                seen[(int) seq] = true;
            }
        }
        for (int seq = 1; seq <= last; seq++) {
            if (!seen[seq]) {
                return false;
            }
        }
        return true;
    }

    /** What it received, for a failure message: how many seqs, the first and last, the gaps, the close code. */
    public synchronized String describe() {
        StringBuilder text = new StringBuilder().append(seqs.size()).append(" seqs");
        if (!seqs.isEmpty()) {
            text.append(" (first ").append(seqs.get(0)).append(", last ").append(seqs.get(seqs.size() - 1)).append(')');
        }
        text.append(", gaps");
        for (long[] gap : gaps) {
            text.append(' ').append(gap[0]).append("..").append(gap[1]);
        }
        return text.append(", close code ").append(closeCode).append(closeReason == null ? "" : " (" + closeReason + ")")
                .toString();
    }

    /** The close code received; 0 while open, -1 when the socket ended without a close frame. */
    public int closeCode() {
        return closeCode;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
