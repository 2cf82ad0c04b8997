package dev.realtimehub.transport.http;

import dev.realtimehub.core.api.BackpressureException;
import dev.realtimehub.core.api.PublishOutcomeUnknownException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * How an endpoint that hands events to the broker answers when they were not all accepted: held back by the fan-out
 * budget, or the broker failing — both 503 with {@code Retry-After} (nothing accepted), the failure logged once per
 * outage (WARN), the rest at DEBUG until events go through again — or the broker's connection breaking after the event
 * was sent, when nobody can tell whether it was accepted: 504 with {@code Retry-After}, which says so.
 *
 * <p>Thread-safe.
 */
final class BrokerFailures {

    /** The endpoint's words: {@code "publish"}, {@code "publishing"}, and the two answers' texts. */
    record Wording(String verb, String gerund, String refusedPrefix, String refusedNote, String failedMessage,
                   String unknownMessage) {
    }

    private final Logger log;
    private final Wording wording;
    /** Whether the broker is failing: only the first failure of an outage is logged above DEBUG. */
    private final AtomicBoolean failing = new AtomicBoolean();

    BrokerFailures(Logger log, Wording wording) {
        this.log = log;
        this.wording = wording;
    }

    /**
     * Answers the request with its 503 when {@code failure} is not null and returns true; otherwise notes that events
     * go through (again) and returns false, for the caller to answer with the seqs.
     */
    boolean answered(ChannelHandlerContext ctx, boolean keepAlive, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof BackpressureException) {
            log.debug("{} held back: {}", wording.verb(), cause.getMessage());
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE,
                    wording.refusedPrefix() + cause.getMessage() + wording.refusedNote(), Map.of("Retry-After", "1"));
            return true;
        }
        if (cause instanceof PublishOutcomeUnknownException) {
            // the event may have been accepted: not a 503 ("nothing accepted"), but an answer that says so
            log.warn("{} outcome unknown: {}", wording.verb(), cause.getMessage());
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.GATEWAY_TIMEOUT, wording.unknownMessage(),
                    Map.of("Retry-After", "1"));
            return true;
        }
        if (failure != null) {
            // one line per outage, not one per request
            if (failing.compareAndSet(false, true)) {
                log.warn("{} failed: {} (further failures at DEBUG until one succeeds)", wording.verb(),
                        failure.toString());
            } else if (log.isDebugEnabled()) {
                log.debug("{} failed: {}", wording.verb(), failure.toString());
            }
            HttpResponses.error(ctx, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE, wording.failedMessage(),
                    Map.of("Retry-After", "1"));
            return true;
        }
        if (failing.compareAndSet(true, false)) {
            log.info("{} works again", wording.gerund());
        }
        return false;
    }
}
