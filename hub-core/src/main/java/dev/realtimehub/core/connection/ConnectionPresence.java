package dev.realtimehub.core.connection;

import dev.realtimehub.core.api.Frame;
import dev.realtimehub.core.presence.tracking.PresenceMember;

/**
 * A connection's subscription to one topic as presence sees it. A {@code join}/{@code leave} frame is written on the
 * connection's lane, and only while it is still subscribed there (it may have left between the change and the hop).
 *
 * @param connection the subscribed connection
 * @param topicIndex the topic's index in the catalog
 */
record ConnectionPresence(Connection connection, int topicIndex) implements PresenceMember {

    @Override
    public String id() {
        return connection.id();
    }

    @Override
    public String userId() {
        return connection.userId();
    }

    @Override
    public void deliver(Frame frame) {
        connection.session().lane().execute(() -> {
            if (connection.isSubscribed(topicIndex)) {
                connection.send(frame);
            }
        });
    }
}
