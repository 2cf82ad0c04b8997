package dev.realtimehub.core.api;

import dev.realtimehub.core.internal.WireEnums;

/**
 * What happened to a forwarding rule, the {@code action} of a {@code rule_change} event; immutable.
 */
public enum RuleAction {
    /** The rule was created. */
    CREATED,
    /** The rule was edited. */
    UPDATED,
    /** The rule was deleted. */
    DELETED,
    /** The rule was switched on or off. */
    TOGGLED;

    /** The name on the wire: {@code created}, {@code updated}, {@code deleted} or {@code toggled}. */
    public String wireName() {
        return WireEnums.wireName(this);
    }

    /**
     * The action named {@code value}, case-insensitive.
     *
     * @throws IllegalArgumentException naming {@code action} and the choices
     */
    public static RuleAction parse(String value) {
        return WireEnums.parse(RuleAction.class, "action", value);
    }
}
