package dev.realtimehub.bench.chaos;

/** One connection of a recovering client to a hub node (a WebSocket or an SSE stream): any thread. */
interface ClientConnection {

    /** Sends one client frame (a JSON object); a failure to send ends the connection through the sink. */
    void send(String frame);

    /** Drops the connection from the client's side, without waiting for the hub. */
    void close();

    /** Where a connection hands what happens on it: every server frame, in order, and its end (once or more). */
    interface Sink {
        void onFrame(ClientConnection connection, String frame);

        void onLost(ClientConnection connection, String why);
    }
}
