package dev.realtimehub.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.engine.HubEngine;
import dev.realtimehub.core.api.TaskStatus;
import dev.realtimehub.core.util.Json;
import dev.realtimehub.core.util.Timestamps;
import dev.realtimehub.core.util.InvalidJsonException;
import dev.realtimehub.core.util.JsonDocuments;
import dev.realtimehub.transport.http.ApiKeyGuard;
import dev.realtimehub.transport.http.HttpEndpoint;
import dev.realtimehub.transport.http.HttpResponses;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tasks API. {@code GET /api/tasks}: {@code {"tasks":[…],"seq":N,"epoch":"…","fade_after_ms":F,"server_time":"…"}},
 * the latest {@code task_update} of every task from the hub's state, so a page subscribes with {@code since = seq} and
 * misses nothing. {@code PUT /api/tasks/{id}} with {@code {"name","status","progress","message"}} publishes an update
 * through the {@link TaskBoard} and answers {@code {"seq":N}}; a bad body gets 400
 * {@code {"error":"progress: …","field":"progress"}} and publishes nothing. Stateless; any thread.
 */
public final class TasksEndpoint implements HttpEndpoint {

    /** The path of the list; one task is this plus {@code /} and its id. */
    public static final String PATH = "/api/tasks";

    private static final Logger LOG = LoggerFactory.getLogger(TasksEndpoint.class);
    private static final Set<String> FIELDS = Set.of("name", "status", "progress", "message");

    private final HubEngine hub;
    private final TaskBoard board;
    private final TopicReadAccess access;
    private final HttpEndpoint guardedUpdate;
    private final long fadeAfterMs;

    /**
     * Serves {@code board}'s tasks; pages fade a finished task after {@code fadeAfterMs} (0: never). Reading is open
     * unless the topic has roles; updating needs an API key once keys are configured, as publishing does.
     */
    TasksEndpoint(HubEngine hub, TaskBoard board, TopicReadAccess access, ApiKeyGuard guard, long fadeAfterMs) {
        this.hub = hub;
        this.board = board;
        this.access = access;
        this.guardedUpdate = guard.protect(this::update);
        this.fadeAfterMs = fadeAfterMs;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String path = new QueryStringDecoder(request.uri()).path();
        if (path.equals(PATH) || path.equals(PATH + "/")) {
            if (!HttpMethod.GET.equals(request.method())) {
                HttpResponses.error(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, "Use GET");
                return;
            }
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("fade_after_ms", fadeAfterMs);
            extra.put("server_time", Timestamps.iso(System.currentTimeMillis()));
            SnapshotJson.reply(ctx, request, hub, access, TaskBoard.TOPIC, "tasks",
                    event -> "task_update".equals(event.type()), extra);
            return;
        }
        if (!HttpMethod.PUT.equals(request.method())) {
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, "Use PUT");
            return;
        }
        guardedUpdate.handle(ctx, request);
    }

    private void update(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        // the path is percent-decoded already (the router refused bad escapes): decoding the id again would turn
        // "100%25" into a bad escape and a '+' into a space
        String id = new QueryStringDecoder(request.uri()).path().substring(PATH.length() + 1);
        try {
            put(ctx, keepAlive, id, readBody(request));
        } catch (BadRequest e) {
            LOG.debug("bad task update: {}", e.getMessage());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", e.getMessage());
            body.put("field", e.field);
            HttpResponses.json(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, body);
        }
    }

    private void put(ChannelHandlerContext ctx, boolean keepAlive, String id, JsonNode body) {
        if (id.indexOf('/') >= 0) {
            throw new BadRequest("id", "id: must not contain '/'");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new BadRequest(name, name + ": unknown field (known: name, status, progress, message)");
            }
        }
        String name = text(body, "name", true);
        String status = text(body, "status", true);
        JsonNode progress = body.get("progress");
        if (progress == null || !progress.canConvertToExactIntegral() || !progress.canConvertToInt()) {
            throw new BadRequest("progress", "progress: expected a whole number 0..100 but was "
                    + (progress == null ? "missing" : progress.toString()));
        }
        String message = text(body, "message", false);
        try {
            board.update(id, name, TaskStatus.parse(status), progress.intValue(), message)
                    .whenComplete((seq, failure) -> {
                        if (failure != null) {
                            LOG.warn("task update failed: {}", failure.toString());
                            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE,
                                    "Publish failed: broker unavailable");
                        } else {
                            HttpResponses.json(ctx, keepAlive, HttpResponseStatus.OK, Map.of("seq", seq));
                        }
                    });
        } catch (IllegalArgumentException e) {
            String error = e.getMessage();
            int colon = error.indexOf(':');
            throw new BadRequest(colon > 0 ? error.substring(0, colon) : "body", error);
        }
    }

    private static JsonNode readBody(FullHttpRequest request) {
        JsonNode body;
        try {
            body = JsonDocuments.read(new ByteBufInputStream(request.content()));
        } catch (InvalidJsonException e) {
            throw new BadRequest("body", "body: invalid JSON: " + e.getMessage());
        } catch (IOException e) {
            throw new BadRequest("body", "body: unreadable");
        }
        if (body == null || !body.isObject()) {
            throw new BadRequest("body", "body: expected a JSON object {name, status, progress, message}");
        }
        return body;
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new BadRequest(field, field + ": required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new BadRequest(field, field + ": expected a string but was " + value.getNodeType().name()
                    .toLowerCase(java.util.Locale.ROOT));
        }
        return value.asText();
    }

    /** A request the endpoint refuses with 400, naming the field at fault. */
    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String field;

        BadRequest(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }
}
