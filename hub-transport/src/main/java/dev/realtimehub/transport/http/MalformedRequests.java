package dev.realtimehub.transport.http;

import dev.realtimehub.core.util.Texts;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * Finds what makes a request the codec did read unanswerable before any route looks at it: an HTTP version other than
 * 1.0 and 1.1 (Netty's decoder takes any {@code HTTP/x.y}), or a bad {@code %} escape in the path or the query string
 * (Netty decodes those lazily and throws wherever an endpoint first asks). Once a request passed, every later
 * {@link QueryStringDecoder#path()} and {@link QueryStringDecoder#parameters()} of its URI succeeds.
 *
 * <p>Stateless; any thread.
 */
public final class MalformedRequests {

    private MalformedRequests() {
    }

    /** Why {@code request} must be answered 400, in the hub's words, or null when nothing is wrong with it. */
    public static String problem(HttpRequest request) {
        HttpVersion version = request.protocolVersion();
        if (!HttpVersion.HTTP_1_1.equals(version) && !HttpVersion.HTTP_1_0.equals(version)) {
            return "Unsupported HTTP version: " + Texts.clip(version.text(), 20) + " (only HTTP/1.0 and HTTP/1.1)";
        }
        QueryStringDecoder target = new QueryStringDecoder(request.uri());
        try {
            target.path();
        } catch (IllegalArgumentException badEscape) {
            return "Malformed path: bad % escape";
        }
        try {
            target.parameters();
        } catch (IllegalArgumentException badEscape) {
            return "Malformed query string: bad % escape";
        }
        return null;
    }
}
