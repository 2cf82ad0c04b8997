package dev.realtimehub.transport;

import dev.realtimehub.transport.base.TransportSettings;
import dev.realtimehub.core.util.Texts;
import dev.realtimehub.transport.http.HttpEndpoint;
import dev.realtimehub.transport.http.HttpResponses;
import dev.realtimehub.transport.http.HttpRoutes;
import dev.realtimehub.transport.http.MalformedRequests;
import dev.realtimehub.transport.http.StaticFileEndpoint;
import dev.realtimehub.transport.ws.HubWebSocketUpgrade;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes aggregated HTTP requests: the WebSocket upgrade, the SSE transport's endpoints, the API endpoints, then the console's static files. What
 * cannot be answered — a request the codec could not read, an HTTP version other than 1.0 and 1.1, a bad {@code %}
 * escape in the target — is refused here with a JSON error before any route sees it, and logged at DEBUG only.
 *
 * <p>Event loop only; one instance per channel.
 */
public final class HubHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(HubHttpHandler.class);

    private final HttpRoutes routes;
    private final HttpRoutes transportRoutes;
    private final HubWebSocketUpgrade upgrade;
    private final StaticFileEndpoint staticFiles;

    /**
     * @param routes the API's routes
     * @param transportRoutes the routes of the transports besides WebSocket (SSE), looked up first
     */
    HubHttpHandler(HttpRoutes routes, HttpRoutes transportRoutes, HubWebSocketUpgrade upgrade,
                   StaticFileEndpoint staticFiles) {
        this.routes = routes;
        this.transportRoutes = transportRoutes;
        this.upgrade = upgrade;
        this.staticFiles = staticFiles;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            refuseMalformed(ctx, request.decoderResult().cause());
            return;
        }
        String problem = MalformedRequests.problem(request);
        if (problem != null) {
            if (LOG.isDebugEnabled()) {
                LOG.debug("refused {} {} {}: {}", request.method(), Texts.clip(request.uri(), 200),
                        request.protocolVersion(), problem);
            }
            HttpResponses.error(ctx, false, HttpResponseStatus.BAD_REQUEST, problem);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        if (TransportSettings.WEBSOCKET_PATH.equals(path)) {
            upgrade.upgrade(ctx, request);
            return;
        }
        HttpEndpoint endpoint = transportRoutes.find(path);
        if (endpoint == null) {
            endpoint = routes.find(path);
        }
        if (endpoint != null) {
            endpoint.handle(ctx, request);
        } else if (staticFiles.serves(path)) {
            staticFiles.handle(ctx, request);
        } else {
            HttpResponses.error(ctx, HttpUtil.isKeepAlive(request), HttpResponseStatus.NOT_FOUND,
                    "Not found: " + Texts.clip(path, 100));
        }
    }

    /** A request the codec could not read: too long a line (414), too many header bytes (431), or else 400. */
    private static void refuseMalformed(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("malformed HTTP request: {}", cause.toString());
        if (cause instanceof TooLongHttpLineException) {
            HttpResponses.error(ctx, false, HttpResponseStatus.REQUEST_URI_TOO_LONG,
                    "Request line too long: at most " + HubChannelInitializer.MAX_INITIAL_LINE + " bytes");
        } else if (cause instanceof TooLongHttpHeaderException) {
            HttpResponses.error(ctx, false, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "Request headers too large: at most " + HubChannelInitializer.MAX_HEADER_BYTES + " bytes");
        } else {
            HttpResponses.error(ctx, false, HttpResponseStatus.BAD_REQUEST, "Malformed HTTP request");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a client that hangs up (or is cut off by the request deadline) halfway through a request is not a failure
        if (cause instanceof IOException || cause instanceof PrematureChannelClosureException) {
            LOG.debug("HTTP connection failed: {}", cause.toString());
        } else {
            LOG.warn("HTTP request failed", cause);
            if (ctx.channel().isActive()) {
                HttpResponses.error(ctx, false, HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal error");
                return;
            }
        }
        ctx.close();
    }
}
