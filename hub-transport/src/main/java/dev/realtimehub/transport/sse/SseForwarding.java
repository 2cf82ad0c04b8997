package dev.realtimehub.transport.sse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.realtimehub.core.spi.NodeRelay;
import dev.realtimehub.core.util.Ids;
import dev.realtimehub.core.util.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * Commands for streams held by other nodes, so no sticky sessions are needed: a session id names the node holding
 * its stream ({@code <128 random bits>.<node id>}); a command POST that reaches another node is forwarded to that one
 * over the {@link NodeRelay}, whose answer ({@code 204} or {@code 404}) becomes the POST's. Without a relay (one node)
 * nothing is forwarded.
 *
 * <p>Thread-safe.
 */
final class SseForwarding {

    /** The answer of a node that handed the frames to the stream. */
    static final String DELIVERED = "204";
    /** The answer of a node that holds no such stream (any more). */
    static final String UNKNOWN = "404";

    private final String nodeId;
    private final NodeRelay relay;
    private final SseSessions sessions;

    SseForwarding(String nodeId, NodeRelay relay, SseSessions sessions) {
        this.nodeId = nodeId;
        this.relay = relay;
        this.sessions = sessions;
        if (relay != null) {
            relay.serve(this::serve);
        }
    }

    /** A new session id: 128 random bits (URL-safe, without dots), a dot, this node's id. */
    String newSessionId() {
        return Ids.random(128) + "." + nodeId;
    }

    /**
     * The node another node's session id names, when a relay can reach it; null when the id is this node's, is not a
     * session id, or there is no relay.
     */
    String remoteOwner(String sessionId) {
        int dot = sessionId.indexOf('.');
        if (relay == null || dot <= 0 || dot == sessionId.length() - 1) {
            return null;
        }
        String owner = sessionId.substring(dot + 1);
        return owner.equals(nodeId) ? null : owner;
    }

    /** Forwards {@code texts} for {@code sessionId} to {@code owner}; completes with its answer. */
    CompletableFuture<String> forward(String owner, String sessionId, List<String> texts) {
        ObjectNode message = Json.mapper().createObjectNode().put("session", sessionId);
        ArrayNode frames = message.putArray("frames");
        texts.forEach(frames::add);
        return relay.request(owner, message.toString());
    }

    /** Answers a command another node forwarded: hands it to the stream on its lane, as a local POST would. */
    private CompletableFuture<String> serve(String request) {
        List<String> texts = new ArrayList<>();
        SseSession session;
        try {
            JsonNode message = Json.mapper().readTree(request);
            message.path("frames").forEach(frame -> texts.add(frame.asText()));
            session = sessions.get(message.path("session").asText(""));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
        if (session == null) {
            return CompletableFuture.completedFuture(UNKNOWN);
        }
        CompletableFuture<String> answer = new CompletableFuture<>();
        try {
            session.lane().execute(() -> answer.complete(session.deliver(texts) ? DELIVERED : UNKNOWN));
        } catch (RejectedExecutionException shuttingDown) {
            answer.complete(UNKNOWN);
        }
        return answer;
    }
}
