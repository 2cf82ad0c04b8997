package dev.realtimehub.core.topics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtimehub.core.api.Event;
import dev.realtimehub.core.util.Json;
import dev.realtimehub.core.util.Texts;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A subscription's filter: top-level event field to the values it may have; an event passes when every named field
 * equals one of its listed values. Values are JSON scalars, compared by JSON value (so {@code 5} and {@code 5.0} are
 * equal, {@code 5} and {@code "5"} are not); a field the event lacks counts as {@code null}.
 *
 * <p>Immutable and thread-safe. Two filters with the same fields and value sets are {@link #equals equal} whatever the
 * order they were written in, so subscribers with the same filter share one delivery group.
 */
public final class SubscriberFilter {

    /** The most fields one filter may name. */
    public static final int MAX_FIELDS = 8;
    /** The most values one field may list. */
    public static final int MAX_VALUES = 32;
    /** Fields of the envelope the hub sets itself: a filter on them is refused. */
    private static final Set<String> ENVELOPE = Set.of("topic", "seq", "timestamp");
    private static final int MAX_ECHO = 64;

    /** Field name to the canonical forms of its allowed values; sorted so equal filters compare equal. */
    private final TreeMap<String, Set<String>> allowed;
    private final int hash;

    private SubscriberFilter(TreeMap<String, Set<String>> allowed) {
        this.allowed = allowed;
        this.hash = allowed.hashCode();
    }

    /**
     * Reads the {@code filter} of a subscribe frame.
     *
     * @return the filter, or {@code null} when {@code node} is absent, JSON null or an empty object (no filter)
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static SubscriberFilter parse(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("filter must be an object of field -> list of values");
        }
        if (node.size() == 0) {
            return null;
        }
        if (node.size() > MAX_FIELDS) {
            throw new IllegalArgumentException("filter names " + node.size() + " fields: at most " + MAX_FIELDS);
        }
        TreeMap<String, Set<String>> allowed = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            String echo = Texts.clip(name, MAX_ECHO);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("filter field names must not be empty");
            }
            if (ENVELOPE.contains(name)) {
                throw new IllegalArgumentException("filter field '" + name + "' is set by the hub and cannot be filtered on");
            }
            JsonNode values = field.getValue();
            if (!values.isArray() || values.isEmpty()) {
                throw new IllegalArgumentException("filter field '" + echo + "' must list at least one value");
            }
            if (values.size() > MAX_VALUES) {
                throw new IllegalArgumentException("filter field '" + echo + "' lists " + values.size()
                        + " values: at most " + MAX_VALUES);
            }
            Set<String> canonical = new LinkedHashSet<>();
            for (JsonNode value : values) {
                if (!value.isValueNode()) {
                    throw new IllegalArgumentException("filter field '" + echo + "': values must be JSON scalars"
                            + " (string, number, boolean, null)");
                }
                canonical.add(canonicalOf(value));
            }
            allowed.put(name, Set.copyOf(canonical));
        }
        return new SubscriberFilter(allowed);
    }

    /** Whether {@code event} passes: each named field equals one of its values. */
    public boolean matches(Event event) {
        for (Map.Entry<String, Set<String>> field : allowed.entrySet()) {
            Object value = "type".equals(field.getKey()) ? event.type() : event.fields().get(field.getKey());
            String canonical = canonicalOf(value);
            if (canonical == null || !field.getValue().contains(canonical)) {
                return false;
            }
        }
        return true;
    }

    /** Keeps the events of {@code events} that pass, in order; {@code null} passes everything. */
    public static List<Event> select(SubscriberFilter filter, List<Event> events) {
        if (filter == null) {
            return events;
        }
        List<Event> kept = new ArrayList<>(events.size());
        for (Event event : events) {
            if (filter.matches(event)) {
                kept.add(event);
            }
        }
        return kept;
    }

    /** The field names, sorted. */
    public Set<String> fields() {
        return allowed.keySet();
    }

    /**
     * The canonical form of a scalar (a Java value or a Jackson value node): strings {@code s:…}, numbers {@code n:…}
     * without trailing zeros, {@code true}/{@code false}, {@code null}; {@code null} (the Java value) for objects and
     * arrays, which never match.
     */
    static String canonicalOf(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof JsonNode node) {
            if (node.isNull() || node.isMissingNode()) {
                return "null";
            }
            if (node.isTextual()) {
                return "s:" + node.textValue();
            }
            if (node.isBoolean()) {
                return node.booleanValue() ? "true" : "false";
            }
            if (node.isNumber()) {
                return number(node.decimalValue());
            }
            return null;
        }
        if (value instanceof CharSequence text) {
            return "s:" + text;
        }
        if (value instanceof Boolean bool) {
            return bool ? "true" : "false";
        }
        if (value instanceof BigDecimal decimal) {
            return number(decimal);
        }
        if (value instanceof BigInteger integer) {
            return number(new BigDecimal(integer));
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? number(BigDecimal.valueOf(d)) : null;
        }
        if (value instanceof Number number) {
            return number(BigDecimal.valueOf(number.longValue()));
        }
        // anything else as the wire would carry it
        return canonicalOf(Json.mapper().valueToTree(value));
    }

    private static String number(BigDecimal value) {
        return "n:" + (value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SubscriberFilter that && hash == that.hash && allowed.equals(that.allowed);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "SubscriberFilter" + allowed;
    }
}
