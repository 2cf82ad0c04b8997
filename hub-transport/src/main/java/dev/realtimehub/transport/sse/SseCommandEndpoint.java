package dev.realtimehub.transport.sse;

import dev.realtimehub.core.spi.NodeRelay;
import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.transport.http.HttpEndpoint;
import dev.realtimehub.transport.http.HttpResponses;
import dev.realtimehub.transport.http.JsonBodies;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/sse/realtime/{session}}: the client frames of an SSE stream — one JSON object or an array of them —
 * handed in order to the stream's core connection on its lane, as a WebSocket's text frames would be; answers 204 once
 * they are handed over, and the replies arrive on the stream. An unknown or closed session gets 404; a body that is
 * not JSON, not objects, or too many of them gets 400 (a body over {@code publish.max-body-bytes} never gets here: 413).
 *
 * <p>The session id is the only credential a command needs: it is unguessable, sent only on the stream, and found by a
 * map lookup. Stateless; any event loop.
 */
final class SseCommandEndpoint implements HttpEndpoint {

    /** The path prefix; the rest of the path is the session id. */
    static final String PREFIX = SseTransport.STREAM_PATH + "/";
    /** Most frames one request may carry. */
    static final int MAX_FRAMES = 100;

    private static final Logger LOG = LoggerFactory.getLogger(SseCommandEndpoint.class);

    private final SseSessions sessions;
    private final SseForwarding forwarding;

    SseCommandEndpoint(SseSessions sessions, SseForwarding forwarding) {
        this.sessions = sessions;
        this.forwarding = forwarding;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!HttpMethod.POST.equals(request.method())) {
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, "Use POST",
                    Map.of(HttpHeaderNames.ALLOW.toString(), "POST"));
            return;
        }
        String sessionId = new QueryStringDecoder(request.uri()).path().substring(PREFIX.length());
        SseSession session = sessions.get(sessionId);
        String owner = session == null ? forwarding.remoteOwner(sessionId) : null;
        if (session == null && owner == null) {
            unknown(ctx, keepAlive);
            return;
        }
        List<String> texts;
        try {
            texts = frames(JsonBodies.read(request));
        } catch (JsonBodies.BadBody | BadCommand e) {
            LOG.debug("bad SSE command: {}", e.getMessage());
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, e.getMessage());
            return;
        }
        if (session == null) {
            forward(ctx, keepAlive, owner, sessionId, texts);
            return;
        }
        try {
            // on the session's lane, after what it was handed before: the order of the POSTs is the order of the frames
            session.lane().execute(() -> {
                if (session.deliver(texts)) {
                    HttpResponses.send(ctx, keepAlive,
                            new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT));
                } else {
                    unknown(ctx, keepAlive);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            HttpResponses.error(ctx, false, HttpResponseStatus.SERVICE_UNAVAILABLE, "The hub is shutting down");
        }
    }

    /** Another node holds the stream: the command goes there, and its answer is this POST's. */
    private void forward(ChannelHandlerContext ctx, boolean keepAlive, String owner, String sessionId,
                         List<String> texts) {
        forwarding.forward(owner, sessionId, texts).whenComplete((answer, failure) -> {
            if (failure == null && SseForwarding.DELIVERED.equals(answer)) {
                HttpResponses.send(ctx, keepAlive,
                        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT));
            } else if (failure == null || failure.getCause() instanceof NodeRelay.UnknownNodeException
                    || failure instanceof NodeRelay.UnknownNodeException) {
                unknown(ctx, keepAlive); // the node says no such stream, or the node itself is gone
            } else {
                LOG.debug("SSE command for node {} not forwarded: {}", owner, failure.toString());
                HttpResponses.error(ctx, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "The node holding this stream did not answer; retry",
                        Map.of(HttpHeaderNames.RETRY_AFTER.toString(), "1"));
            }
        });
    }

    private static void unknown(ChannelHandlerContext ctx, boolean keepAlive) {
        HttpResponses.error(ctx, keepAlive, HttpResponseStatus.NOT_FOUND,
                "Unknown session: the stream is closed or never existed; open a new one");
    }

    /** The body's client frames as JSON texts, in order. */
    private static List<String> frames(JsonNode body) throws BadCommand {
        if (body == null) {
            throw new BadCommand("Empty body: expected a client frame (a JSON object) or an array of them");
        }
        if (body.isObject()) {
            return List.of(body.toString());
        }
        if (!body.isArray()) {
            throw new BadCommand("Expected a client frame (a JSON object) or an array of them");
        }
        if (body.size() > MAX_FRAMES) {
            throw new BadCommand("Too many frames: at most " + MAX_FRAMES + " per request");
        }
        List<String> texts = new ArrayList<>(body.size());
        for (JsonNode frame : body) {
            if (!frame.isObject()) {
                throw new BadCommand("Expected a client frame (a JSON object) or an array of them");
            }
            texts.add(frame.toString());
        }
        return texts;
    }

    /** A body that is JSON but not client frames; the message says why. */
    private static final class BadCommand extends Exception {
        private static final long serialVersionUID = 1L;

        BadCommand(String message) {
            super(message);
        }
    }
}
