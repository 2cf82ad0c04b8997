package dev.realtimehub.transport.http;

import dev.realtimehub.core.engine.HubEngine;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /health}: liveness — 200 with the node id and connection count while the hub serves. */
public final class HealthEndpoint implements HttpEndpoint {

    private final HubEngine hub;

    public HealthEndpoint(HubEngine hub) {
        this.hub = hub;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("node", hub.nodeId());
        body.put("connections", hub.connectionCount());
        HttpResponses.json(ctx, HttpUtil.isKeepAlive(request), HttpResponseStatus.OK, body);
    }
}
