package dev.realtimehub.transport.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

/**
 * Lets a request through to an endpoint only with {@code Authorization: Bearer <key>} naming a configured API key;
 * otherwise 401 with a JSON error. Keys are compared as SHA-256 digests in constant time, so neither their content nor
 * their length leaks through timing. With no keys configured every request passes. Immutable and thread-safe.
 */
public final class ApiKeyGuard {

    private final List<byte[]> keyDigests;

    public ApiKeyGuard(List<String> apiKeys) {
        this.keyDigests = apiKeys.stream().map(ApiKeyGuard::digest).toList();
    }

    /** Whether keys are required at all. */
    public boolean enabled() {
        return !keyDigests.isEmpty();
    }

    /** {@code endpoint}, guarded. */
    public HttpEndpoint protect(HttpEndpoint endpoint) {
        if (!enabled()) {
            return endpoint;
        }
        return (ctx, request) -> {
            if (authorised(request)) {
                endpoint.handle(ctx, request);
            } else {
                refuse(ctx, request);
            }
        };
    }

    private boolean authorised(FullHttpRequest request) {
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = digest(header.substring(7).trim());
        boolean match = false;
        for (byte[] key : keyDigests) {
            match |= MessageDigest.isEqual(key, presented); // no early exit: every key is compared
        }
        return match;
    }

    private static void refuse(ChannelHandlerContext ctx, FullHttpRequest request) {
        HttpResponses.error(ctx, HttpUtil.isKeepAlive(request), HttpResponseStatus.UNAUTHORIZED,
                "Missing or invalid API key: send 'Authorization: Bearer <key>'",
                Map.of(HttpHeaderNames.WWW_AUTHENTICATE.toString(), "Bearer"));
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
