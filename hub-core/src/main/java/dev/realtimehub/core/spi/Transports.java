package dev.realtimehub.core.spi;

import java.util.List;

/**
 * The names of the hub's transports, as their sessions report them ({@link Session#transport()}) and stats and metrics
 * count connections by them: one table, so the transports, {@code /api/ws/stats} and {@code /metrics} agree.
 */
public final class Transports {

    public static final String WEBSOCKET = "websocket";
    public static final String SSE = "sse";
    /** Every transport, in the order stats list them. */
    public static final List<String> ALL = List.of(WEBSOCKET, SSE);

    private Transports() {
    }
}
