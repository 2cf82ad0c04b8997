package dev.realtimehub.server.security;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Raw HTTP/1.1 over a plain socket, for requests no HTTP client will send: garbage request lines, lying
 * Content-Length, broken chunks, half-sent requests. Reads the hub's answers one by one, so a hang fails the test
 * (after {@link #TIMEOUT_MS}) instead of blocking it.
 */
final class RawHttp implements AutoCloseable {

    /** How long one answer may take before the hub counts as hanging. */
    static final int TIMEOUT_MS = 5_000;

    private final Socket socket;
    private final InputStream in;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** Opens a connection to the hub on {@code port}. */
    static RawHttp open(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
        socket.setSoTimeout(TIMEOUT_MS);
        return new RawHttp(socket);
    }

    /** One HTTP answer: status line, headers (lower-case names) and body. */
    record Answer(String statusLine, int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return statusLine + " " + headers + " " + text();
        }
    }

    /** Sends {@code bytes} as they are. */
    RawHttp send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    /** Sends {@code text} as ISO-8859-1 bytes. */
    RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Reads the next answer; throws if none starts within the timeout or the hub closes first. */
    Answer read() throws IOException {
        return read(false);
    }

    /** Reads the next answer; the answer to a HEAD request has no body, whatever its Content-Length says. */
    Answer read(boolean toHead) throws IOException {
        String head = readHead();
        String[] lines = head.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer: " + head);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        String length = headers.get("content-length");
        byte[] body;
        if (toHead) {
            body = new byte[0];
        } else if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            throw new IOException("chunked answers are not expected from the hub: " + head);
        } else {
            body = in.readAllBytes();
        }
        return new Answer(lines[0], Integer.parseInt(status[1]), headers, body);
    }

    /** Reads {@code count} pipelined answers in order. */
    List<Answer> read(int count) throws IOException {
        List<Answer> answers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            answers.add(read());
        }
        return answers;
    }

    /**
     * Whether the hub closes the connection within the timeout without sending another byte; false if it stays open.
     *
     * @throws IOException if the hub sends bytes instead
     */
    boolean closedSilently() throws IOException {
        try {
            int b = in.read();
            if (b >= 0) {
                byte[] rest = in.readNBytes(Math.min(in.available(), 200));
                throw new IOException("expected a silent close but got: " + (char) b
                        + new String(rest, StandardCharsets.ISO_8859_1));
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException("no answer within " + TIMEOUT_MS + " ms; got so far: "
                        + head.toString(StandardCharsets.ISO_8859_1));
            }
            if (b < 0) {
                throw new EOFException("closed without an answer; got so far: "
                        + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
