package dev.realtimehub.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.api.CloseCode;
import dev.realtimehub.core.engine.HubEngine;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.util.Map;

/**
 * {@code POST /api/connections/disconnect} with {@code {"user_id":…}} or {@code {"client_id":…}}: closes those
 * connections (every tab of a user) with 4003 and answers {@code {"disconnected":N}}.
 */
public final class DisconnectEndpoint implements HttpEndpoint {

    private final HubEngine hub;

    public DisconnectEndpoint(HubEngine hub) {
        this.hub = hub;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!HttpMethod.POST.equals(request.method())) {
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, "Use POST");
            return;
        }
        JsonNode body;
        try {
            body = JsonBodies.read(request);
        } catch (JsonBodies.BadBody e) {
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, e.getMessage());
            return;
        }
        String userId = text(body, "user_id");
        String clientId = text(body, "client_id");
        if (body == null || !body.isObject() || (userId == null) == (clientId == null)) {
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST,
                    "Expected {\"user_id\":\"…\"} or {\"client_id\":\"…\"}: exactly one, a non-empty string");
            return;
        }
        int count = userId != null
                ? hub.disconnectUser(userId, CloseCode.FORBIDDEN, "access revoked")
                : hub.disconnectClient(clientId, CloseCode.FORBIDDEN, "access revoked");
        HttpResponses.json(ctx, keepAlive, HttpResponseStatus.OK, Map.of("disconnected", count));
    }

    private static String text(JsonNode body, String field) {
        if (body == null || !body.isObject()) {
            return null;
        }
        JsonNode value = body.get(field);
        return value != null && value.isTextual() && !value.textValue().isBlank() ? value.textValue() : null;
    }
}
