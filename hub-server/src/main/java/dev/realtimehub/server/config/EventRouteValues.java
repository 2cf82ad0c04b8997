package dev.realtimehub.server.config;

import dev.realtimehub.core.api.Setting;
import dev.realtimehub.core.bus.EventRoute;
import dev.realtimehub.core.topics.ChannelName;
import dev.realtimehub.core.bus.EventRoutes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code bus.routes}: a YAML list of {@code {prefix, topic, throttle}} mappings, or the compact text form
 * {@code PREFIX=TOPIC[:throttle|:immediate],…} used by {@code HUB_BUS_ROUTES} (also accepted as YAML list items).
 * Errors name the entry, e.g. {@code bus.routes[2].topic}. Stateless.
 */
final class EventRouteValues {

    private static final Set<String> FIELDS = Set.of("prefix", "topic", "throttle");
    private static final String COMPACT = "PREFIX=TOPIC, PREFIX=TOPIC:throttle or PREFIX=TOPIC:immediate";

    private EventRouteValues() {
    }

    /** The routes {@code value} describes, in order; they replace the defaults. */
    /** The setting at {@code key}: the default routes, or those a raw config value lists. */
    static Setting<EventRoutes> setting(String key) {
        return Setting.of(key, EventRoutes.defaults(), EventRouteValues::routes);
    }

    static EventRoutes routes(String key, Object value) {
        List<?> items;
        if (value instanceof List<?> list) {
            items = list;
        } else if (value instanceof Map<?, ?>) {
            throw ConfigValues.bad(key, "a list of {prefix, topic, throttle}", value);
        } else {
            items = Arrays.stream(ConfigValues.string(key, value).split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        List<EventRoute> routes = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String itemKey = key + "[" + i + "]";
            Object item = items.get(i);
            if (item instanceof Map<?, ?> map) {
                routes.add(fromMap(itemKey, map));
            } else if (item instanceof String text) {
                routes.add(fromText(itemKey, text.trim()));
            } else {
                throw ConfigValues.bad(itemKey, "{prefix, topic, throttle} or " + COMPACT, item);
            }
        }
        try {
            return EventRoutes.of(routes);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    private static EventRoute fromMap(String key, Map<?, ?> map) {
        for (Object field : map.keySet()) {
            if (!FIELDS.contains(String.valueOf(field))) {
                throw new ConfigException(key + "." + field + ": unknown key (known: prefix, topic, throttle)");
            }
        }
        Object prefix = map.get("prefix");
        Object topic = map.get("topic");
        Object throttle = map.get("throttle");
        if (prefix == null) {
            throw new ConfigException(key + ".prefix: expected a prefix such as FORWARD_ (\"\" takes every event)"
                    + " but was missing");
        }
        if (topic == null) {
            throw new ConfigException(key + ".topic: expected a topic name but was missing");
        }
        return route(key, ConfigValues.string(key + ".prefix", prefix), ConfigValues.string(key + ".topic", topic),
                throttle == null ? null : ConfigValues.bool(key + ".throttle", throttle));
    }

    private static EventRoute fromText(String key, String text) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            throw ConfigValues.bad(key, COMPACT, text);
        }
        String prefix = text.substring(0, equals).trim();
        String target = text.substring(equals + 1).trim();
        Boolean throttle = null;
        // TOPIC may be a channel ns:key: only a last part after a second colon, or one that is not a channel key, is
        // the throttle choice
        int colon = target.lastIndexOf(':');
        boolean hasChoice = colon >= 0 && (target.indexOf(':') != colon || !ChannelName.isValid(target)
                || target.endsWith(":throttle") || target.endsWith(":immediate"));
        if (hasChoice) {
            String choice = target.substring(colon + 1).trim();
            target = target.substring(0, colon).trim();
            throttle = switch (choice) {
                case "throttle" -> true;
                case "immediate" -> false;
                default -> throw new ConfigException(key + ".throttle: expected throttle or immediate after ':' but was '"
                        + choice + "'");
            };
        }
        return route(key, prefix, target, throttle);
    }

    private static EventRoute route(String key, String prefix, String topic, Boolean throttle) {
        try {
            return new EventRoute(prefix, topic, throttle);
        } catch (IllegalArgumentException e) {
            // EventRoute names the component ("prefix: …", "topic: …"); put the entry's key in front
            throw new ConfigException(key + "." + e.getMessage(), e);
        }
    }
}
