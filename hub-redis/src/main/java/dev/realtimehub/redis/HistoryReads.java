package dev.realtimehub.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Joins the history reads of one topic that arrive together into one script call. When every client of a node comes
 * back at once (a restart, a reconnect storm), each resubscribes with {@code since}: 19,500 reads of nearly the same
 * few hundred events would each be a Lua script run in Redis, and behind them Redis answers late enough for reads to
 * time out and clients to be told {@code recovered:false}. Here at most one read per topic is in Redis at a time; the
 * reads asked meanwhile wait for it to end and then go as one, covering the lowest {@code since} to the highest bound,
 * and each gets its own part ({@link HistoryRead#slice}).
 *
 * <p>Every read is answered by a script run that began after it was asked, never by one already under way: a channel's
 * recovery reads the head after its subscription started receiving live events, and an older head would leave a hole
 * between the two.
 *
 * <p>Thread-safe.
 */
final class HistoryReads {

    /** The script call behind a read: events in (since, upTo], {@code upTo} negative for the head. */
    interface Reader {
        CompletableFuture<HistoryRead> read(TopicFeed feed, long since, long upTo);
    }

    private final Reader reader;
    /** Per topic with a read in Redis: the reads asked since it started. Absent: no read under way. */
    private final ConcurrentHashMap<String, List<Asked>> waiting = new ConcurrentHashMap<>();

    HistoryReads(Reader reader) {
        this.reader = reader;
    }

    /** The history of {@code feed}'s topic in (since, upTo] ({@code upTo} negative: up to the head); any thread. */
    CompletableFuture<HistoryRead> read(TopicFeed feed, long since, long upTo) {
        Asked asked = new Asked(Math.max(0, since), upTo, new CompletableFuture<>());
        boolean[] first = {false};
        waiting.compute(feed.topic().name(), (topic, queue) -> {
            if (queue == null) {
                first[0] = true;
                return new ArrayList<>();
            }
            queue.add(asked);
            return queue;
        });
        if (first[0]) {
            run(feed, List.of(asked));
        }
        return asked.answer;
    }

    private void run(TopicFeed feed, List<Asked> batch) {
        long since = Long.MAX_VALUE;
        long upTo = 0;
        for (Asked asked : batch) {
            since = Math.min(since, asked.since);
            upTo = upTo < 0 || asked.upTo < 0 ? -1 : Math.max(upTo, asked.upTo);
        }
        CompletableFuture<HistoryRead> read;
        try {
            read = reader.read(feed, since, upTo);
        } catch (RuntimeException failure) {
            read = CompletableFuture.failedFuture(failure);
        }
        read.whenComplete((result, failure) -> {
            List<Asked> next = next(feed.topic().name());
            if (next != null) {
                run(feed, next); // before answering: the next read is in Redis while these are replayed
            }
            for (Asked asked : batch) {
                if (failure != null) {
                    asked.answer.completeExceptionally(failure);
                } else {
                    asked.answer.complete(batch.size() == 1 ? result : result.slice(asked.since, asked.upTo));
                }
            }
        });
    }

    /** The reads asked while the last one ran (then under way), or null with none (and no read under way). */
    private List<Asked> next(String topic) {
        List<List<Asked>> taken = new ArrayList<>(1);
        waiting.compute(topic, (name, queue) -> {
            if (queue == null || queue.isEmpty()) {
                return null;
            }
            taken.add(queue);
            return new ArrayList<>();
        });
        return taken.isEmpty() ? null : taken.get(0);
    }

    /** One read asked: its bounds and where its answer goes. */
    private record Asked(long since, long upTo, CompletableFuture<HistoryRead> answer) {
    }
}
