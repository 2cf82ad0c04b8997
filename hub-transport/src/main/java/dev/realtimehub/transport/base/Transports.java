package dev.realtimehub.transport.base;

import java.util.List;

/** The names of the hub's transports, as its sessions report them ({@code Session.transport()}) and stats count them. */
public final class Transports {

    public static final String WEBSOCKET = "websocket";
    public static final String SSE = "sse";
    /** Every transport, in the order stats list them. */
    public static final List<String> ALL = List.of(WEBSOCKET, SSE);

    private Transports() {
    }
}
