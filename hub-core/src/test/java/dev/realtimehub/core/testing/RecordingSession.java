package dev.realtimehub.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.api.CloseCode;
import dev.realtimehub.core.api.Frame;
import dev.realtimehub.core.util.Json;
import dev.realtimehub.core.spi.Lane;
import dev.realtimehub.core.spi.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A session that records what is written and flushed, for core tests. */
public final class RecordingSession implements Session {

    private final Lane lane;
    private final List<Frame> queued = new ArrayList<>();
    private final List<Frame> flushed = new ArrayList<>();
    private final List<Integer> runs = new ArrayList<>();
    private int flushes;
    private CloseCode closedWith;
    private String closeReason;
    private boolean congested;
    private long queuedBytes;
    private long sentBytes;

    public RecordingSession(Lane lane) {
        this.lane = lane;
    }

    @Override
    public Lane lane() {
        return lane;
    }

    @Override
    public void write(Frame frame) {
        queued.add(frame);
    }

    @Override
    public void writeRun(Frame[] frames, int count) {
        runs.add(count);
        Session.super.writeRun(frames, count);
    }

    /** The length of every run written through {@link #writeRun}, in order. */
    public List<Integer> runs() {
        return runs;
    }

    @Override
    public boolean congested() {
        return congested;
    }

    @Override
    public long queuedBytes() {
        return queuedBytes;
    }

    /** Bytes the test says left for the socket so far: raise it to show read progress. */
    public void sent(long bytes) {
        this.sentBytes = bytes;
    }

    @Override
    public long sentBytes() {
        return sentBytes;
    }

    /** Plays a socket whose outbound queue is (not) past the soft limit, holding {@code bytes}. */
    public void congest(boolean value, long bytes) {
        this.congested = value;
        this.queuedBytes = bytes;
    }

    @Override
    public void flush() {
        flushes++;
        flushed.addAll(queued);
        queued.clear();
    }

    @Override
    public void close(CloseCode code, String reason) {
        closedWith = code;
        closeReason = reason;
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1";
    }

    /** Every flushed frame as written (the shared instances fan-out handed over). */
    public List<Frame> written() {
        return flushed;
    }

    /** Every flushed frame parsed as JSON. */
    public List<JsonNode> messages() {
        List<JsonNode> out = new ArrayList<>();
        for (Frame frame : flushed) {
            try {
                out.add(Json.mapper().readTree(frame.json()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** Flushed messages of the given type. */
    public List<JsonNode> messages(String type) {
        return messages().stream().filter(m -> type.equals(m.path("type").asText())).toList();
    }

    /** Every event seq received on {@code topic}, unpacking batches, in arrival order. */
    public List<Long> seqs(String topic) {
        List<Long> seqs = new ArrayList<>();
        for (JsonNode message : messages()) {
            if (!topic.equals(message.path("topic").asText())) {
                continue;
            }
            if ("batch".equals(message.path("type").asText())) {
                message.path("items").forEach(item -> seqs.add(item.path("seq").asLong()));
            } else if (message.has("seq") && !"subscription".equals(message.path("type").asText())) {
                seqs.add(message.path("seq").asLong());
            }
        }
        return seqs;
    }

    /** Every event on {@code topic}, batches unpacked, in arrival order. */
    public List<JsonNode> events(String topic) {
        List<JsonNode> events = new ArrayList<>();
        for (JsonNode message : messages()) {
            String type = message.path("type").asText();
            if (!topic.equals(message.path("topic").asText()) || type.equals("subscription") || type.equals("gap")) {
                continue;
            }
            if (type.equals("batch")) {
                message.path("items").forEach(events::add);
            } else {
                events.add(message);
            }
        }
        return events;
    }

    /** Drops what was recorded so far. */
    public void clear() {
        flushed.clear();
    }

    public List<Frame> unflushed() {
        return queued;
    }

    public int flushes() {
        return flushes;
    }

    public CloseCode closedWith() {
        return closedWith;
    }

    /** The reason of the close, or null. */
    public String closeReason() {
        return closeReason;
    }
}
