package dev.realtimehub.transport.sse;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The open SSE streams of this node by session id, so a command POST finds its stream: a map lookup of an
 * unguessable id (128 random bits), which leaks nothing through timing about the ids it holds.
 *
 * <p>Thread-safe: streams are added and removed on their own event loops, looked up on any.
 */
final class SseSessions {

    private final ConcurrentHashMap<String, SseSession> sessions = new ConcurrentHashMap<>();

    void add(SseSession session) {
        sessions.put(session.sessionId(), session);
    }

    void remove(SseSession session) {
        sessions.remove(session.sessionId(), session);
    }

    /** The stream with {@code sessionId}, or null. */
    SseSession get(String sessionId) {
        return sessions.get(sessionId);
    }

    /** How many streams are open. */
    int size() {
        return sessions.size();
    }
}
