package dev.realtimehub.transport.ws;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.util.List;

/**
 * Finds a connection token in a handshake: the {@code token} query parameter, an {@code Authorization: Bearer} header,
 * or a configured cookie, in that order. Immutable and thread-safe.
 */
public final class TokenExtractor {

    private final String cookieName;

    /** @param cookieName the cookie that may carry the token, or null */
    public TokenExtractor(String cookieName) {
        this.cookieName = cookieName;
    }

    /** The token, or null when the request carries none. */
    public String extract(FullHttpRequest request) {
        List<String> query = new QueryStringDecoder(request.uri()).parameters().get("token");
        if (query != null && !query.isEmpty() && !query.get(0).isBlank()) {
            return query.get(0).trim();
        }
        return extractFromHeaders(request);
    }

    /**
     * The token of the {@code Authorization: Bearer} header or the cookie, or null: for endpoints that never take a
     * token in the URL (the SSE transport), where it would end up in logs and browser history.
     */
    public String extractFromHeaders(FullHttpRequest request) {
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            if (!token.isEmpty()) {
                return token;
            }
        }
        String cookies = request.headers().get(HttpHeaderNames.COOKIE);
        if (cookieName != null && cookies != null) {
            for (Cookie cookie : ServerCookieDecoder.LAX.decode(cookies)) {
                if (cookieName.equals(cookie.name()) && !cookie.value().isBlank()) {
                    return cookie.value();
                }
            }
        }
        return null;
    }
}
