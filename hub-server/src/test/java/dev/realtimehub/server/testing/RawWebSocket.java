package dev.realtimehub.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A hand-rolled WebSocket client over a plain socket, for what a well-behaved client library will not do: stay silent,
 * send malformed, fragmented or oversized frames, or never answer pings.
 */
public final class RawWebSocket implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final PacedInputStream paced;
    private final DataInputStream in;
    private final OutputStream out;
    private final String handshakeResponse;

    private RawWebSocket(Socket socket, String handshakeResponse) throws IOException {
        this.socket = socket;
        this.paced = new PacedInputStream(socket.getInputStream());
        this.in = new DataInputStream(paced);
        this.out = socket.getOutputStream();
        this.handshakeResponse = handshakeResponse;
    }

    /** Opens a socket and completes the handshake with extra header lines (each ending without CRLF). */
    public static RawWebSocket connect(int port, String... extraHeaders) throws IOException {
        return connect(port, 0, extraHeaders);
    }

    /** As {@link #connect(int, String...)} with a small receive buffer (bytes; 0 keeps the default), to stall early. */
    public static RawWebSocket connect(int port, int receiveBuffer, String... extraHeaders) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(15_000);
        StringBuilder request = new StringBuilder()
                .append("GET /api/ws/realtime HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(key()).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        for (String header : extraHeaders) {
            request.append(header).append("\r\n");
        }
        request.append("\r\n");
        socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
        String response = readHead(socket.getInputStream());
        return new RawWebSocket(socket, response);
    }

    /** Sends raw bytes on a fresh socket and returns everything the server answers until it closes or goes quiet. */
    public static String rawExchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(3000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = socket.getInputStream().read(buf)) >= 0) {
                    answer.write(buf, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException quiet) {
                // the server kept the connection open or reset it: what it said so far is the answer
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static String key() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** The HTTP status line and headers the server answered the handshake with. */
    public String handshakeResponse() {
        return handshakeResponse;
    }

    /** The body of a refused handshake (Content-Length bytes after the head). */
    public byte[] readBody() throws IOException {
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)")
                .matcher(handshakeResponse);
        if (!length.find()) {
            return new byte[0];
        }
        byte[] body = new byte[Integer.parseInt(length.group(1))];
        in.readFully(body);
        return body;
    }

    /** Whether the handshake was answered with 101. */
    public boolean upgraded() {
        return handshakeResponse.startsWith("HTTP/1.1 101");
    }

    /** Sends one masked frame. */
    public void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | opcode);
        int length = payload.length;
        if (length <= 125) {
            frame.write(0x80 | length);
        } else if (length <= 0xFFFF) {
            frame.write(0x80 | 126);
            frame.write(length >>> 8);
            frame.write(length);
        } else {
            frame.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                frame.write((int) ((long) length >>> (8 * i)));
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Writes {@code bytes} to the socket as they are: hand-made frames, unmasked or with reserved bits set. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Ends the client's output (a TCP half-close), as a client does that has nothing more to send. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Sends a complete text frame. */
    public void sendText(String text) throws IOException {
        sendFrame(true, 1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** One frame from the server. */
    public record ServerFrame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The close code of a close frame. */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }
    }

    /** Reads the next frame (blocking up to the socket timeout). */
    public ServerFrame readFrame() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new ServerFrame(first & 0x0F, payload);
    }

    /** Reads frames until a close frame arrives and returns its code; -1 if the socket ended without one. */
    public int readUntilClose() throws IOException {
        try {
            while (true) {
                ServerFrame frame = readFrame();
                if (frame.opcode() == 8) {
                    return frame.closeCode();
                }
            }
        } catch (EOFException | java.net.SocketException e) {
            return -1;
        }
    }

    /** Reads frames until a text frame contains {@code fragment}; returns it. */
    public String readTextContaining(String fragment) throws IOException {
        while (true) {
            ServerFrame frame = readFrame();
            if (frame.opcode() == 1 && frame.text().contains(fragment)) {
                return frame.text();
            }
            if (frame.opcode() == 8) {
                throw new EOFException("closed with " + frame.closeCode() + " before '" + fragment + "'");
            }
        }
    }

    /** Reads the next {@code forBytes} bytes at no more than {@code bytesPerSecond}: slow, but alive. */
    public void readSlowly(long bytesPerSecond, long forBytes) {
        paced.pace(bytesPerSecond, forBytes);
    }

    /** Bytes read since the handshake. */
    public long bytesRead() {
        return paced.totalRead();
    }

    /** Sets how long reads wait. */
    public void timeout(int ms) throws IOException {
        socket.setSoTimeout(ms);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
