package dev.realtimehub.core.bus;

import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.api.Publisher;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process event bus of the old system: application code emits named events, each is forwarded to browsers as
 * {@code {"type":"event","event":NAME,"data":…}} on the topic its {@link EventRoutes route} picks, and in-process
 * {@link BusListener listeners} can follow them too.
 *
 * <p>Event names match {@value #NAME_RULE} (at most 128 characters), like {@code FORWARD_SUCCESS} or {@code LOG_ERROR};
 * the prefix up to any underscore is what routes match on. Data is any value Jackson serialises, or null.
 *
 * <p>Thread-safe: emit from any thread, register and remove listeners from any thread. {@link #emit} publishes on the
 * calling thread before it returns, so one thread's events get increasing seqs on their topic in emit order, and the
 * hub delivers every topic's events in seq order whichever threads emitted them. Listeners are called synchronously on
 * the emitting thread, after the publish; the set of listeners is copy-on-write, so registering is cheap to read and
 * meant to happen rarely.
 *
 * <p>Under overload {@link #emit} does not block: the future it returns completes late, or fails with
 * {@link dev.realtimehub.core.api.BackpressureException} after {@code publish.max-wait-ms} (the event reached no
 * browser; listeners were still called), so a burst of bus events slows with the audience instead of being dropped
 * after it was accepted.
 */
public final class EventBus {

    /** The rule event names follow. */
    public static final String NAME_RULE = "[A-Z][A-Z0-9_]*";

    /** The most characters an event name may have. */
    public static final int MAX_NAME_LENGTH = 128;

    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0," + (MAX_NAME_LENGTH - 1) + "}");
    private static final Pattern LISTEN_PATTERN = Pattern.compile("\\*|[A-Z][A-Z0-9_]{0,127}\\*?");

    private final Publisher publisher;
    private final EventRoutes routes;
    private final CopyOnWriteArrayList<Registration> listeners = new CopyOnWriteArrayList<>();

    /** A bus that publishes through {@code publisher} (usually a hub) along {@code routes}. */
    public EventBus(Publisher publisher, EventRoutes routes) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.routes = Objects.requireNonNull(routes, "routes");
    }

    /** The routes events follow. */
    public EventRoutes routes() {
        return routes;
    }

    /** Whether {@code name} is an event name the bus takes: {@value #NAME_RULE}, at most {@value #MAX_NAME_LENGTH} long. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * The route {@link #emit} sends the event called {@code name} along, so a caller can tell which topic it went to
     * (the routes are immutable: the answer never changes for a name).
     *
     * @throws IllegalArgumentException for a name that breaks the rule, with the message {@link #emit} throws
     */
    public EventRoute route(String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("name: expected " + NAME_RULE + " (at most " + MAX_NAME_LENGTH
                    + " characters) but was " + (name == null ? "null" : "'" + name + "'"));
        }
        return routes.route(name);
    }

    /** Emits {@code name} with no data ({@code "data":null}). */
    public CompletableFuture<Long> emit(String name) {
        return emit(name, null);
    }

    /**
     * Emits an event: publishes {@code {"type":"event","event":name,"data":data}} on its route's topic with the route's
     * throttle choice, then calls the listeners whose pattern takes {@code name}.
     *
     * @param name the event name, {@value #NAME_RULE}
     * @param data any JSON-serialisable value, or null; not copied, so do not modify it afterwards
     * @return the future of the publish, completing with the event's seq (failed if the hub is closed)
     * @throws IllegalArgumentException for a name that breaks the rule; then nothing is published and no listener runs
     */
    public CompletableFuture<Long> emit(String name, Object data) {
        EventRoute route = route(name);
        Publication publication = Publication.builder("event")
                .field("event", name)
                .field("data", data)
                .throttle(route.throttle())
                .build();
        CompletableFuture<Long> seq = publisher.publish(route.topic(), publication);
        for (Registration registration : listeners) {
            if (registration.takes(name)) {
                registration.call(name, data);
            }
        }
        return seq;
    }

    /**
     * Registers an in-process listener for the events {@code pattern} takes: an exact name ({@code RULE_CREATED}), a
     * prefix followed by {@code *} ({@code LOG_*}), or {@code *} for every event. It sees only events emitted after this
     * returns.
     *
     * @return the registration; close it to remove the listener
     * @throws IllegalArgumentException for a malformed pattern
     */
    public BusSubscription on(String pattern, BusListener listener) {
        if (pattern == null || !LISTEN_PATTERN.matcher(pattern).matches()) {
            throw new IllegalArgumentException("pattern: expected NAME, PREFIX* or * (names " + NAME_RULE
                    + ") but was " + (pattern == null ? "null" : "'" + pattern + "'"));
        }
        Objects.requireNonNull(listener, "listener");
        Registration registration = new Registration(pattern, listener);
        listeners.add(registration);
        return () -> listeners.remove(registration);
    }

    /** How many listeners are registered. */
    public int listenerCount() {
        return listeners.size();
    }

    /** One listener and the names it takes; immutable but for the once-only warning flag. */
    private static final class Registration {
        private final String pattern;
        private final String text;
        private final boolean prefix;
        private final BusListener listener;
        private final AtomicBoolean warned = new AtomicBoolean();

        Registration(String pattern, BusListener listener) {
            this.pattern = pattern;
            this.prefix = pattern.endsWith("*");
            this.text = prefix ? pattern.substring(0, pattern.length() - 1) : pattern;
            this.listener = listener;
        }

        boolean takes(String name) {
            return prefix ? name.startsWith(text) : name.equals(text);
        }

        /** Calls the listener; a failure is logged in full the first time, then only at debug, never rethrown. */
        void call(String name, Object data) {
            try {
                listener.onEvent(name, data);
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError) {
                    throw e;
                }
                if (warned.compareAndSet(false, true)) {
                    LOG.warn("event bus listener on '{}' failed on {}; later failures of this listener are logged at"
                            + " debug", pattern, name, e);
                } else if (LOG.isDebugEnabled()) {
                    LOG.debug("event bus listener on '{}' failed again on {}", pattern, name, e);
                }
            }
        }
    }
}
