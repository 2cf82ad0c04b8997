package dev.realtimehub.core.protocol;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.connection.Connection;
import dev.realtimehub.core.connection.PresenceRequests;
import dev.realtimehub.core.connection.SubscriptionService;
import dev.realtimehub.core.util.Json;
import dev.realtimehub.core.util.Texts;
import dev.realtimehub.core.topics.SubscriberFilter;
import dev.realtimehub.core.topics.ChannelName;
import dev.realtimehub.core.topics.TopicNames;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.realtimehub.core.wire.PresenceFrames;
import dev.realtimehub.core.wire.Replies;

/**
 * Reads client frames of protocol v1 ({@code subscribe}, {@code unsubscribe}, {@code ping}, {@code presence}) and answers them; anything
 * else gets an {@code error} frame and the connection stays open.
 *
 * <p>Stateless and thread-safe; each call runs on the connection's lane.
 */
public final class ProtocolHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolHandler.class);
    /** Longest action name echoed back in an error, so a client cannot make the hub echo megabytes. */
    private static final int MAX_ECHO = 64;

    private final SubscriptionService subscriptions;
    private final PresenceRequests presence;

    /** A handler that subscribes through {@code subscriptions} and answers {@code presence} from {@code presence}. */
    public ProtocolHandler(SubscriptionService subscriptions, PresenceRequests presence) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.presence = Objects.requireNonNull(presence, "presence");
    }

    /** Handles one text frame from {@code connection}. */
    public void onText(Connection connection, String text) {
        JsonNode message;
        try {
            message = Json.mapper().readTree(text);
        } catch (JacksonException e) {
            if (LOG.isDebugEnabled()) {
                LOG.debug("invalid JSON from {}: {}", connection.id(), e.getOriginalMessage());
            }
            connection.send(Replies.error("Invalid JSON format"));
            return;
        }
        if (message == null || !message.isObject()) {
            connection.send(Replies.error("Invalid message: expected a JSON object"));
            return;
        }
        JsonNode action = message.get("action");
        if (action == null || action.isNull()) {
            connection.send(Replies.error("Missing action"));
            return;
        }
        if (!action.isTextual()) {
            connection.send(Replies.error("Unknown action: " + clip(action.toString())));
            return;
        }
        switch (action.textValue()) {
            case "subscribe" -> subscribe(connection, message);
            case "unsubscribe" -> unsubscribe(connection, message);
            case "ping" -> connection.send(Replies.pong());
            case "presence" -> presence(connection, message);
            default -> connection.send(Replies.error("Unknown action: " + clip(action.textValue())));
        }
    }

    /** Handles a binary frame: the protocol is JSON text only. */
    public void onBinary(Connection connection) {
        connection.send(Replies.error("Binary frames are not supported: send JSON text frames"));
    }

    private void subscribe(Connection connection, JsonNode message) {
        String topic = topicOf(connection, message, "subscription");
        if (topic == null) {
            return;
        }
        JsonNode sinceNode = message.get("since");
        Long since = null;
        if (sinceNode != null && !sinceNode.isNull()) {
            if (!sinceNode.canConvertToExactIntegral() || !sinceNode.canConvertToLong() || sinceNode.asLong() < 0) {
                connection.send(Replies.subscriptionRefused(topic, "since must be a non-negative integer"));
                return;
            }
            since = sinceNode.asLong();
        }
        JsonNode epochNode = message.get("epoch");
        String epoch = null;
        if (epochNode != null && !epochNode.isNull()) {
            if (!epochNode.isTextual()) {
                connection.send(Replies.subscriptionRefused(topic, "epoch must be a string"));
                return;
            }
            epoch = epochNode.textValue();
        }
        SubscriberFilter filter;
        try {
            filter = SubscriberFilter.parse(message.get("filter"));
        } catch (IllegalArgumentException e) {
            connection.send(Replies.subscriptionRefused(topic, "Invalid filter: " + e.getMessage()));
            return;
        }
        subscriptions.subscribe(connection, topic, since, epoch, filter);
    }

    private void unsubscribe(Connection connection, JsonNode message) {
        String topic = topicOf(connection, message, "unsubscription");
        if (topic != null) {
            subscriptions.unsubscribe(connection, topic);
        }
    }

    private void presence(Connection connection, JsonNode message) {
        String topic = topicOf(connection, message, "presence");
        if (topic != null) {
            presence.answer(connection, topic);
        }
    }

    /** The textual topic of {@code message}, or null after replying with the reason. */
    private static String topicOf(Connection connection, JsonNode message, String replyType) {
        JsonNode topic = message.get("topic");
        String error = null;
        if (topic == null || topic.isNull()) {
            error = "Missing topic";
        } else if (!topic.isTextual()) {
            error = "topic must be a string";
        } else if (!TopicNames.isValid(topic.textValue()) && !ChannelName.looksLikeChannel(topic.textValue())) {
            error = "Invalid topic name: must match [a-z][a-z0-9_]* (at most 64 characters)";
        }
        if (error == null) {
            return topic.textValue();
        }
        String echo = topic != null && topic.isTextual() ? clip(topic.textValue()) : null;
        connection.send(switch (replyType) {
            case "subscription" -> Replies.subscriptionRefused(echo, error);
            case "presence" -> PresenceFrames.refused(echo, error);
            default -> Replies.unsubscribed(echo, false, error);
        });
        return null;
    }

    private static String clip(String value) {
        return Texts.clip(value, MAX_ECHO);
    }
}
