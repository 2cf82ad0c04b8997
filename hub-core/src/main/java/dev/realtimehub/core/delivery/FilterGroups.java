package dev.realtimehub.core.delivery;

import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.api.Frame;
import dev.realtimehub.core.topics.SubscriberFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The subscribers of one topic, grouped first by filter and then by lane: an event is matched once per distinct filter
 * (not once per subscriber) and its one encoded frame is handed to every lane of every group it passes, so filtering
 * chooses recipients and never re-encodes. The unfiltered group is the filter {@code null}.
 *
 * <p>Not thread-safe: guarded by the owning {@link TopicDispatcher}'s lock.
 */
final class FilterGroups {

    private final List<Group> groups = new ArrayList<>();

    /** Adds {@code recipient} of {@code outbox}'s lane under {@code filter}; false if it already was there. */
    boolean add(Recipient recipient, LaneOutbox outbox, SubscriberFilter filter) {
        Group group = group(filter);
        if (group == null) {
            group = new Group(filter);
            groups.add(group);
        }
        return group.lane(outbox, true).add(recipient);
    }

    /** Removes {@code recipient} from the group of {@code filter}; false if it was not there. */
    boolean remove(Recipient recipient, LaneOutbox outbox, SubscriberFilter filter) {
        Group group = group(filter);
        if (group == null) {
            return false;
        }
        LaneSubscribers lane = group.lane(outbox, false);
        if (lane == null || !lane.remove(recipient)) {
            return false;
        }
        if (filter != null && group.live() == 0) {
            groups.remove(group); // filters come and go with their subscribers; frames already queued keep their views
        }
        return true;
    }

    /** How many distinct filters have subscribers (the unfiltered group counts as one). */
    int filterCount() {
        int count = 0;
        for (Group group : groups) {
            if (group.live() > 0) {
                count++;
            }
        }
        return count;
    }

    /** Hands one event's frame to every lane of every group whose filter it passes. */
    void fanOut(int topicIndex, Event event) {
        for (Group group : groups) {
            if (group.filter == null || group.filter.matches(event)) {
                group.fanOut(topicIndex, event.frame());
            }
        }
    }

    /**
     * Hands a window's held-back events out: each group gets batch frames of the events its filter passes, built by
     * {@code batcher} (which splices already-encoded events), so a filtered subscriber's batch holds only matching items.
     */
    void fanOutWindow(int topicIndex, List<Event> events, Batcher batcher) {
        for (Group group : groups) {
            if (group.live() == 0) {
                continue;
            }
            List<Event> selected = SubscriberFilter.select(group.filter, events);
            if (!selected.isEmpty()) {
                batcher.batches(selected, frame -> group.fanOut(topicIndex, frame));
            }
        }
    }

    private Group group(SubscriberFilter filter) {
        for (Group group : groups) {
            if (Objects.equals(group.filter, filter)) {
                return group;
            }
        }
        return null;
    }

    /** Builds the batch frames of some events and hands each to a sink. */
    @FunctionalInterface
    interface Batcher {
        void batches(List<Event> events, java.util.function.Consumer<Frame> sink);
    }

    /** The subscribers of one filter, by lane. */
    private static final class Group {
        final SubscriberFilter filter;
        LaneSubscribers[] lanes = new LaneSubscribers[0];

        Group(SubscriberFilter filter) {
            this.filter = filter;
        }

        LaneSubscribers lane(LaneOutbox outbox, boolean create) {
            for (LaneSubscribers lane : lanes) {
                if (lane.outbox() == outbox) {
                    return lane;
                }
            }
            if (!create) {
                return null;
            }
            lanes = Arrays.copyOf(lanes, lanes.length + 1);
            lanes[lanes.length - 1] = new LaneSubscribers(outbox);
            return lanes[lanes.length - 1];
        }

        int live() {
            int live = 0;
            for (LaneSubscribers lane : lanes) {
                live += lane.live();
            }
            return live;
        }

        void fanOut(int topicIndex, Frame frame) {
            for (LaneSubscribers lane : lanes) {
                lane.fanOut(topicIndex, frame);
            }
        }
    }
}
