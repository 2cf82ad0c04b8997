package dev.realtimehub.transport.http;

import dev.realtimehub.core.util.Texts;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the console and the client library from the classpath: {@code /path} → {@code static/path}, {@code /} →
 * {@code static/index.html}, and {@code /vendor/uplot/…} from the uPlot webjar. Files are read once and cached.
 */
public final class StaticFileEndpoint implements HttpEndpoint {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "ts", "text/plain; charset=utf-8",
            "map", "application/json; charset=utf-8");
    private static final byte[] MISSING = new byte[0];

    private final ClassLoader loader;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    public StaticFileEndpoint() {
        this.loader = StaticFileEndpoint.class.getClassLoader();
    }

    /** Whether a file exists for the request path. */
    public boolean serves(String path) {
        String resource = resourceFor(path);
        return resource != null && load(resource) != MISSING;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!HttpMethod.GET.equals(request.method())) {
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, "Use GET");
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        String resource = resourceFor(path);
        byte[] body = resource == null ? MISSING : load(resource);
        if (body == MISSING) {
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "Not found: " + clip(path));
            return;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(body));
        String extension = resource.substring(resource.lastIndexOf('.') + 1);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, TYPES.getOrDefault(extension, "application/octet-stream"));
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        response.headers().set("X-Content-Type-Options", "nosniff");
        HttpResponses.send(ctx, keepAlive, response);
    }

    /** The classpath resource for a URL path, or null for paths that could escape the static folder. */
    static String resourceFor(String path) {
        if (path == null || !path.startsWith("/") || path.contains("..") || path.contains("\\") || path.contains("//")) {
            return null;
        }
        if (path.equals("/")) {
            return "static/index.html";
        }
        if (path.startsWith("/vendor/uplot/")) {
            return "META-INF/resources/webjars/uplot/" + UplotVersion.VERSION + "/dist/"
                    + path.substring("/vendor/uplot/".length());
        }
        return "static" + path;
    }

    /** The resource's bytes, cached; misses are not cached, so random paths cannot grow the cache. */
    private byte[] load(String resource) {
        byte[] cached = cache.get(resource);
        if (cached != null) {
            return cached;
        }
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return MISSING;
            }
            byte[] bytes = in.readAllBytes();
            cache.put(resource, bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String clip(String value) {
        return Texts.clip(value, 100);
    }

    /** The uPlot webjar version the console is built against. */
    static final class UplotVersion {
        static final String VERSION = "1.6.30";

        private UplotVersion() {
        }
    }
}
