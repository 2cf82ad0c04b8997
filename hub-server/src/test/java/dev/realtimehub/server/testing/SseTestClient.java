package dev.realtimehub.server.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.util.Json;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;

/**
 * An SSE client on a raw socket, for integration tests: sends {@code GET /api/sse/realtime}, reads the response head,
 * then decodes the chunked body line by line as an {@code EventSource} would — every event's {@code data:} lines joined
 * with {@code \n} and parsed as JSON, comment lines counted — on a reader thread of its own. It can open without
 * reading to play a stalled browser (with a small receive buffer), and post commands to its session.
 */
public final class SseTestClient implements AutoCloseable {

    /** The stream path. */
    public static final String PATH = "/api/sse/realtime";

    private final Socket socket;
    private final PacedInputStream paced;
    private final InputStream in;
    private final int status;
    private final Map<String, String> headers;
    private final String errorBody;
    private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    /** Every event's data exactly as it arrived (the data lines joined with \n). */
    private final List<String> rawData = new CopyOnWriteArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile int comments;
    private volatile boolean cleanEnd;
    /** Guarded by this: whether the reader thread stops before its next chunk. */
    private boolean paused;
    private Thread reader;

    private SseTestClient(Socket socket, String version, String target, String... headerPairs) throws IOException {
        this.socket = socket;
        StringBuilder request = new StringBuilder("GET ").append(target).append(" ").append(version).append("\r\n")
                .append("Host: 127.0.0.1:").append(socket.getPort()).append("\r\n")
                .append("Accept: text/event-stream\r\n");
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            request.append(headerPairs[i]).append(": ").append(headerPairs[i + 1]).append("\r\n");
        }
        OutputStream out = socket.getOutputStream();
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        this.paced = new PacedInputStream(socket.getInputStream());
        this.in = new java.io.BufferedInputStream(paced);
        String statusLine = line(in);
        this.status = Integer.parseInt(statusLine.split(" ")[1]);
        this.headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        if (status != 200) {
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            this.errorBody = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        } else {
            this.errorBody = null;
        }
    }

    /** Opens {@code target} (the stream path and query) on {@code port} and reads the stream on a thread of its own. */
    public static SseTestClient open(int port, String target, String... headers) {
        SseTestClient client = openStalled(port, 0, target, headers);
        if (client.status == 200) {
            client.startReading();
        }
        return client;
    }

    /** Opens the stream and waits for its {@code connected} event. */
    public static SseTestClient connected(int port, String... headers) {
        SseTestClient client = open(port, PATH, headers);
        if (client.status != 200) {
            throw new IllegalStateException("stream refused: " + client.status + " " + client.errorBody);
        }
        client.awaitMessage(m -> "connected".equals(m.path("type").asText()));
        return client;
    }

    /**
     * Opens the stream and reads its response head but no further, until {@link #startReading()}.
     *
     * @param receiveBufferBytes the socket's receive buffer (0: the system's default)
     */
    public static SseTestClient openStalled(int port, int receiveBufferBytes, String target, String... headers) {
        try {
            Socket socket = new Socket();
            if (receiveBufferBytes > 0) {
                socket.setReceiveBufferSize(receiveBufferBytes);
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(60_000);
            return new SseTestClient(socket, "HTTP/1.1", target, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens the stream as an HTTP/1.0 client, whose response has no chunks, and reads it. */
    public static SseTestClient openHttp10(int port) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(60_000);
            SseTestClient client = new SseTestClient(socket, "HTTP/1.0", PATH);
            client.startReading();
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts decoding the stream on a reader thread. */
    public synchronized void startReading() {
        if (reader == null) {
            reader = new Thread(this::readStream, "sse-test-client");
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** Stops reading (before the next chunk), as a stalled browser would: the socket's buffers fill up. */
    public synchronized void pause() {
        paused = true;
    }

    /** Reads the next {@code forBytes} bytes at no more than {@code bytesPerSecond}; call while paused. */
    public synchronized void readSlowly(long bytesPerSecond, long forBytes) {
        paced.pace(bytesPerSecond, forBytes);
    }

    /** Reads again after {@link #pause()}. */
    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    /** The response status. */
    public int status() {
        return status;
    }

    /** A response header (name in any case), or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The JSON error of a refused stream. */
    public JsonNode error() {
        return WsTestClient.parse(errorBody);
    }

    /** The {@code session} of the {@code connected} event (waiting for it). */
    public String session() {
        return awaitMessage(m -> "connected".equals(m.path("type").asText())).path("session").asText();
    }

    /** Comment lines (heartbeats) read so far. */
    public int comments() {
        return comments;
    }

    /** Every event's data as it arrived, before parsing. */
    public List<String> rawData() {
        return new ArrayList<>(rawData);
    }

    /** Whether the stream has ended (cleanly, with its last chunk, or not). */
    public boolean ended() {
        return ended.getCount() == 0;
    }

    /** Whether the stream ended with the response's last chunk. */
    public boolean endedCleanly() {
        return cleanEnd;
    }

    /** Waits for a message matching {@code filter} and returns it. */
    public JsonNode awaitMessage(Predicate<JsonNode> filter) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (JsonNode message : messages) {
                if (filter.test(message)) {
                    return message;
                }
            }
            return null;
        }, m -> m != null);
    }

    /** Every message received so far. */
    public List<JsonNode> messages() {
        return new ArrayList<>(messages);
    }

    /** Messages of one type. */
    public List<JsonNode> messages(String type) {
        return messages.stream().filter(m -> type.equals(m.path("type").asText())).toList();
    }

    /** Every event on {@code topic}, batches unpacked, in arrival order. */
    public List<JsonNode> events(String topic) {
        List<JsonNode> events = new ArrayList<>();
        for (JsonNode message : messages) {
            String type = message.path("type").asText();
            if (!topic.equals(message.path("topic").asText()) || type.equals("subscription")
                    || type.equals("unsubscription") || type.equals("gap")) {
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

    /** Every event seq received on {@code topic}, in arrival order. */
    public List<Long> seqs(String topic) {
        return events(topic).stream().map(event -> event.path("seq").asLong()).toList();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    private void readStream() {
        try {
            ByteArrayOutputStream lineBytes = new ByteArrayOutputStream();
            StringBuilder data = null;
            boolean chunked = "chunked".equalsIgnoreCase(header("Transfer-Encoding"));
            while (true) {
                awaitUnpaused();
                byte[] chunk;
                if (chunked) {
                    int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
                    if (size == 0) {
                        cleanEnd = true;
                        return;
                    }
                    chunk = in.readNBytes(size);
                    if (chunk.length < size) {
                        throw new EOFException("chunk cut short");
                    }
                    line(in); // the CRLF after the chunk
                } else {
                    // no chunks (HTTP/1.0): the body is the rest of the connection
                    byte[] buffer = new byte[8192];
                    int read = in.read(buffer);
                    if (read < 0) {
                        cleanEnd = true;
                        return;
                    }
                    chunk = java.util.Arrays.copyOf(buffer, read);
                }
                for (byte b : chunk) {
                    if (b != '\n') {
                        lineBytes.write(b);
                        continue;
                    }
                    String text = lineBytes.toString(StandardCharsets.UTF_8);
                    lineBytes.reset();
                    if (text.isEmpty()) {
                        if (data != null) {
                            rawData.add(data.toString());
                            messages.add(Json.mapper().readTree(data.toString()));
                        }
                        data = null;
                    } else if (text.startsWith(":")) {
                        comments++;
                    } else if (text.startsWith("data:")) {
                        String value = text.substring(5);
                        value = value.startsWith(" ") ? value.substring(1) : value;
                        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the stream ended without its last chunk, or the test closed the socket
        } finally {
            ended.countDown();
        }
    }

    private synchronized void awaitUnpaused() throws IOException {
        try {
            while (paused && !socket.isClosed()) {
                wait(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** One CRLF-terminated line, without the CRLF. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("stream ended");
            }
            if (b == '\n' && previous == '\r') {
                byte[] all = bytes.toByteArray();
                return new String(all, 0, all.length - 1, StandardCharsets.UTF_8);
            }
            bytes.write(b);
            previous = b;
        }
    }
}
