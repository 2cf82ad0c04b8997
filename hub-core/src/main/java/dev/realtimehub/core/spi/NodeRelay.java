package dev.realtimehub.core.spi;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Requests from one hub node to another named one, for what must reach the node that holds some state: a command for
 * an SSE stream, posted to whichever node the load balancer picked, goes to the node that holds the stream. A
 * backplane that connects the nodes (Redis) implements it; a single node needs none.
 *
 * <p>Thread-safe; never blocks.
 */
public interface NodeRelay extends AutoCloseable {

    /**
     * Sends {@code message} to {@code node} and completes with the answer of its handler; completes exceptionally with
     * {@link UnknownNodeException} when no node of that id listens, and with a
     * {@link java.util.concurrent.TimeoutException} when it does not answer in time.
     */
    CompletableFuture<String> request(String node, String message);

    /** Answers the requests sent to this node with {@code handler} (set once, before requests can arrive). */
    void serve(Function<String, CompletableFuture<String>> handler);

    @Override
    void close();

    /** No node of the requested id is listening (it died, or never existed). */
    final class UnknownNodeException extends RuntimeException {
        public UnknownNodeException(String node) {
            super("no hub node '" + node + "' is listening");
        }
    }
}
