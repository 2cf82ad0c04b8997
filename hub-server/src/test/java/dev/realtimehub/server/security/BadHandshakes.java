package dev.realtimehub.server.security;

import static dev.realtimehub.server.security.HttpProbe.answer;
import static dev.realtimehub.server.security.HttpProbe.error;
import static dev.realtimehub.server.security.HttpProbe.of;
import static dev.realtimehub.server.security.HttpProbe.silentClose;

import dev.realtimehub.server.security.HttpProbe.Case;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Malformed WebSocket handshakes and malformed HTTP: each answered with a clear status and JSON error, or — for a
 * request that never completes — closed silently by the request deadline.
 */
final class BadHandshakes {

    static final String UPGRADE_EXPECTED = "WebSocket upgrade expected: GET with 'Upgrade: websocket'";
    static final String MALFORMED = "Malformed HTTP request";
    static final String MALFORMED_URI = BadPercentEscapesTest.BAD_PATH;
    private static final String WS = "GET /api/ws/realtime HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    private static final String UPGRADE = "Upgrade: websocket\r\n";
    private static final String CONNECTION = "Connection: Upgrade\r\n";
    private static final String KEY = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
    private static final String V13 = "Sec-WebSocket-Version: 13\r\n";

    private BadHandshakes() {
    }

    static Stream<Case> handshakes() {
        List<Case> cases = new ArrayList<>();
        cases.add(of("upgrade without an Upgrade header", WS + CONNECTION + KEY + V13 + "\r\n",
                error(400, UPGRADE_EXPECTED)));
        for (String method : new String[] {"POST", "PUT", "DELETE", "OPTIONS"}) {
            cases.add(of(method + " to the WebSocket path", method + " /api/ws/realtime HTTP/1.1\r\nHost: x\r\n"
                    + UPGRADE + CONNECTION + KEY + V13 + "Content-Length: 0\r\n\r\n", error(400, UPGRADE_EXPECTED)));
        }
        for (String upgrade : new String[] {"h2c", "websocket2", "web socket", ""}) {
            cases.add(of("Upgrade: '" + upgrade + "'",
                    WS + "Upgrade: " + upgrade + "\r\n" + CONNECTION + KEY + V13 + "\r\n",
                    error(400, UPGRADE_EXPECTED)));
        }
        cases.add(of("upgrade without Sec-WebSocket-Key", WS + UPGRADE + CONNECTION + V13 + "\r\n",
                error(400, "Invalid WebSocket handshake: not a WebSocket request: missing key")));
        String noConnection = "Invalid WebSocket handshake: not a WebSocket request: a |Connection| header must include"
                + " a token 'Upgrade'";
        cases.add(of("upgrade without Connection: Upgrade", WS + UPGRADE + KEY + V13 + "\r\n",
                error(400, noConnection)));
        cases.add(of("upgrade with Connection: keep-alive",
                WS + UPGRADE + "Connection: keep-alive\r\n" + KEY + V13 + "\r\n", error(400, noConnection)));
        for (String version : new String[] {"12", "8", "7", "0", "14", "abc", "13, 8", "-13", "13".repeat(30)}) {
            cases.add(of("Sec-WebSocket-Version: " + BadTextFrames.shorten(version),
                    WS + UPGRADE + CONNECTION + KEY + "Sec-WebSocket-Version: " + version + "\r\n\r\n",
                    unsupportedVersion(version)));
        }
        cases.add(of("upgrade without Sec-WebSocket-Version", WS + UPGRADE + CONNECTION + KEY + "\r\n",
                unsupportedVersion(null)));
        cases.add(of("a draft-76 handshake",
                WS + "Upgrade: WebSocket\r\nConnection: Upgrade\r\nOrigin: http://127.0.0.1\r\n"
                + "Sec-WebSocket-Key1: 4 @1  46546xW%0l 1 5\r\nSec-WebSocket-Key2: 12998 5 Y3 1  .P00\r\n\r\n^n:ds[4U",
                unsupportedVersion(null)));
        // RFC 6455 4.1: the key is a random 16-byte value in base64, so exactly 24 characters ending in '=='
        String badKey = "Invalid WebSocket handshake: Sec-WebSocket-Key must be 16 bytes in base64";
        for (String key : new String[] {"", " ", "not base64 at all!!!!!!!", "dGhlIHNhbXBsZSBub25jZQ", "YWJj",
            "dGhlIHNhbXBsZSBub25jZSE=", "dGhlIHNhbXBsZSBub25jZQ==dGhl", "dGhlIHNhbXBsZSBub25jZQ=*",
            "dGhlIHNhbXBs ZSBub25jZQ=="}) {
            cases.add(of("Sec-WebSocket-Key: '" + key + "'", WS + UPGRADE + CONNECTION + "Sec-WebSocket-Key: " + key
                    + "\r\n" + V13 + "\r\n", error(400, badKey)));
        }
        cases.add(of("upgrade on /api/ws/realtime/", "GET /api/ws/realtime/ HTTP/1.1\r\nHost: x\r\n" + UPGRADE
                + CONNECTION + KEY + V13 + "\r\n", error(404, "Not found: /api/ws/realtime/")));
        return cases.stream();
    }

    static Stream<Case> malformedRequests() {
        byte[] random = new byte[1000];
        new Random(11).nextBytes(random);
        byte[] clientHello = {0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00, 0x00, (byte) 0xa1, 0x03, 0x03, 0x0a};
        StringBuilder manyHeaders = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            manyHeaders.append("X-H").append(i).append(": v\r\n");
        }
        String health = "GET /health HTTP/1.1\r\nHost: x\r\n";
        return Stream.of(
                malformed("a garbage request line", "GARBAGE\r\n\r\n"),
                malformed("an HTTP/0.9 request", "GET /health\r\n\r\n"),
                malformed("an unknown protocol", "GET /health FOO/1.1\r\nHost: x\r\n\r\n"),
                unsupportedHttp("HTTP/2.0", "GET /health HTTP/2.0\r\nHost: x\r\n\r\n"),
                unsupportedHttp("HTTP/9.9", "GET /health HTTP/9.9\r\nHost: x\r\n\r\n"),
                unsupportedHttp("HTTP/1.2", "GET /health HTTP/1.2\r\nHost: x\r\n\r\n"),
                unsupportedHttp("HTTP/0.9", "GET /health HTTP/0.9\r\nHost: x\r\n\r\n"),
                unsupportedHttp("HTTP/2.0", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
                unsupportedHttp("HTTP/2.0", WS.replace("HTTP/1.1", "HTTP/2.0") + UPGRADE + CONNECTION + KEY + V13
                        + "\r\n"),
                unsupportedHttp("HTTP/9.9", "POST /api/publish HTTP/9.9\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"),
                malformed("four words in the request line", "GET /health HTTP/1.1 extra\r\nHost: x\r\n\r\n"),
                malformed("a method with an invalid character", "G@T /health HTTP/1.1\r\nHost: x\r\n\r\n"),
                of("1000 random bytes", random, error(400, MALFORMED)),
                of("a TLS ClientHello on the plain port", clientHello, error(400, MALFORMED)),
                malformed("a header line without a colon", health + "Foo\r\n\r\n"),
                malformed("a header name with a space", health + "Bad Header: x\r\n\r\n"),
                malformed("bare LF line endings", "GET /health HTTP/1.1\nHost: x\n\n"),
                malformed("a NUL in a header value", health + "X-A: a\u0000b\r\n\r\n"),
                of("a URI of 9000 characters", "GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                        error(414, "Request line too long: at most 8192 bytes")),
                of("a header of 20 KiB", health + "X-Big: " + "b".repeat(20 * 1024) + "\r\n\r\n",
                        error(431, "Request headers too large: at most 16384 bytes")),
                of("3000 headers", health + manyHeaders + "\r\n",
                        error(431, "Request headers too large: at most 16384 bytes")),
                malformed("Content-Length: -1", post("Content-Length: -1\r\n\r\n")),
                malformed("Content-Length: abc", post("Content-Length: abc\r\n\r\n")),
                malformed("two different Content-Lengths", post("Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}")),
                malformed("Content-Length of 20 digits", post("Content-Length: 99999999999999999999\r\n\r\n")),
                malformed("Transfer-Encoding and Content-Length",
                        post("Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n2\r\n{}\r\n0\r\n\r\n")),
                malformed("Transfer-Encoding: gzip", post("Transfer-Encoding: gzip\r\n\r\n")),
                malformed("chunk size 'zz'", chunked("zz\r\nabc\r\n0\r\n\r\n")),
                malformed("chunk size -5", chunked("-5\r\nabc\r\n0\r\n\r\n")),
                malformed("chunk size of 18 hex digits", chunked("FFFFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n")),
                malformed("a chunk longer than its size", chunked("3\r\nabcdef\r\n0\r\n\r\n")),
                of("a body longer than its Content-Length",
                        post("Content-Length: 5\r\n\r\n{\"topic\":\"alerts\",\"type\":\"x\"}"),
                        HttpProbe.errorStartingWith(400, "Invalid JSON: ")),
                of("Expect: teapot", post("Expect: teapot\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"),
                        answer(417, "")),
                of("Content-Length of 2 MB", post("Content-Length: 2000000\r\n\r\n"), tooLarge()),
                of("Expect: 100-continue with 2 MB", post("Expect: 100-continue\r\nContent-Length: 2000000\r\n\r\n"),
                        tooLarge()),
                of("an invalid percent escape", "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n", error(400, MALFORMED_URI)),
                of("a truncated percent escape", "GET /api/% HTTP/1.1\r\nHost: x\r\n\r\n", error(400, MALFORMED_URI)),
                of("a percent escape on the WebSocket path", "GET /api/ws/realtime%g0 HTTP/1.1\r\nHost: x\r\n"
                        + UPGRADE + CONNECTION + KEY + V13 + "\r\n", error(400, MALFORMED_URI)));
    }

    /** Requests that never complete: the hub says nothing and closes them at the deadline. */
    static Stream<Case> stalls() {
        return Stream.of(
                of("only empty lines", "\r\n\r\n", silentClose()),
                of("half a request line", "GET /hea", silentClose()),
                of("headers without the blank line", "GET /health HTTP/1.1\r\nHost: x\r\n", silentClose()),
                of("a body shorter than its Content-Length", post("Content-Length: 100\r\n\r\n{\"topic\""),
                        silentClose()),
                of("a chunked body without its last chunk", chunked("2\r\n{}\r\n"), silentClose()),
                of("half a WebSocket handshake", WS + UPGRADE + CONNECTION, silentClose()));
    }

    static HttpProbe.Expect unsupportedVersion(String version) {
        String shown = version == null ? "none" : version.length() <= 20 ? version : version.substring(0, 20) + "…";
        return error(426, "Unsupported WebSocket version: " + shown + " (Sec-WebSocket-Version must be 13)")
                .header("Sec-WebSocket-Version", "13");
    }

    static HttpProbe.Expect tooLarge() {
        return error(413, "Body too large: at most 1048576 bytes (publish.max-body-bytes)");
    }

    /** A request line naming an HTTP version the hub does not speak: 400, whatever the path. */
    private static Case unsupportedHttp(String version, String request) {
        return of(BadTextFrames.shorten(request.substring(0, request.indexOf('\r'))), request,
                error(400, "Unsupported HTTP version: " + version + " (only HTTP/1.0 and HTTP/1.1)"));
    }

    private static Case malformed(String name, String request) {
        return of(name, request, error(400, MALFORMED));
    }

    private static String post(String rest) {
        return "POST /api/publish HTTP/1.1\r\nHost: x\r\n" + rest;
    }

    private static String chunked(String body) {
        return post("Transfer-Encoding: chunked\r\n\r\n" + body);
    }
}
