package dev.realtimehub.core.bus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The ordered routes of the {@link EventBus}: an event goes to the topic of the first route whose prefix its name starts
 * with, and to {@value #FALLBACK_TOPIC} when none does.
 *
 * <p>The {@linkplain #defaults() defaults} are the old system's: {@code FORWARD_*} and {@code STATS_*} to {@code stats}
 * and {@code LOG_*} to {@code logs}, both throttled; {@code ALERT_*} and {@code ERROR_*} to {@code alerts};
 * {@code NOTIFICATION_*} and {@code NOTIFY_*} to {@code notifications}; anything else to {@code system}. A route with an
 * empty prefix takes every event and so replaces the fallback.
 *
 * <p>Immutable and thread-safe. Validated on construction: a route that an earlier one always shadows is refused, since it
 * could never take an event. Errors name the route by its config key, {@code bus.routes[i]} (counted from 0).
 */
public final class EventRoutes {

    /** The config key the routes are read from; error messages name routes as {@code bus.routes[i]}. */
    public static final String CONFIG_KEY = "bus.routes";

    /** Where an event goes that no route takes, as in the old system. */
    public static final String FALLBACK_TOPIC = "system";

    private static final EventRoute FALLBACK = EventRoute.of("", FALLBACK_TOPIC);

    private static final EventRoutes DEFAULTS = of(
            EventRoute.throttled("FORWARD_", "stats"),
            EventRoute.throttled("STATS_", "stats"),
            EventRoute.throttled("LOG_", "logs"),
            EventRoute.of("ALERT_", "alerts"),
            EventRoute.of("ERROR_", "alerts"),
            EventRoute.of("NOTIFICATION_", "notifications"),
            EventRoute.of("NOTIFY_", "notifications"));

    private final List<EventRoute> routes;

    private EventRoutes(List<EventRoute> routes) {
        this.routes = List.copyOf(routes);
        for (int i = 0; i < this.routes.size(); i++) {
            EventRoute later = this.routes.get(i);
            for (int j = 0; j < i; j++) {
                EventRoute earlier = this.routes.get(j);
                if (earlier.matches(later.prefix())) {
                    throw new IllegalArgumentException(key(i) + ".prefix: '" + later.prefix() + "' is never reached: "
                            + key(j) + " ('" + earlier.prefix() + "') takes those events first");
                }
            }
        }
    }

    /** The old system's routes (see the class comment). */
    public static EventRoutes defaults() {
        return DEFAULTS;
    }

    /** Exactly {@code routes}, in that order (an empty list sends everything to {@value #FALLBACK_TOPIC}). */
    public static EventRoutes of(List<EventRoute> routes) {
        Objects.requireNonNull(routes, "routes");
        for (int i = 0; i < routes.size(); i++) {
            if (routes.get(i) == null) {
                throw new IllegalArgumentException(key(i) + ": must not be null");
            }
        }
        return new EventRoutes(routes);
    }

    /** Exactly {@code routes}, in that order. */
    public static EventRoutes of(EventRoute... routes) {
        return of(Arrays.asList(routes));
    }

    /** These routes with {@code first} put before them, e.g. to add a route to the defaults. */
    public EventRoutes prepend(EventRoute... first) {
        List<EventRoute> all = new ArrayList<>(Arrays.asList(first));
        all.addAll(routes);
        return of(all);
    }

    /** The routes in the order they are tried (without the fallback). */
    public List<EventRoute> routes() {
        return routes;
    }

    /** The route that takes the event called {@code name}: the first that matches, else the fallback to system. */
    public EventRoute route(String name) {
        for (EventRoute route : routes) {
            if (route.matches(name)) {
                return route;
            }
        }
        return FALLBACK;
    }

    /**
     * Checks that every route's topic exists.
     *
     * @throws IllegalArgumentException naming the first route with an unknown topic, e.g.
     *     {@code bus.routes[2].topic: unknown topic 'x'}
     */
    public void requireTopics(Predicate<String> topicExists) {
        for (int i = 0; i < routes.size(); i++) {
            String topic = routes.get(i).topic();
            if (!topicExists.test(topic)) {
                throw new IllegalArgumentException(key(i) + ".topic: unknown topic '" + topic + "'");
            }
        }
    }

    private static String key(int index) {
        return CONFIG_KEY + "[" + index + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventRoutes that && routes.equals(that.routes);
    }

    @Override
    public int hashCode() {
        return routes.hashCode();
    }

    @Override
    public String toString() {
        return "EventRoutes" + routes + " else -> " + FALLBACK_TOPIC;
    }
}
