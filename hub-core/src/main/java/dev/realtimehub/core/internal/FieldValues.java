package dev.realtimehub.core.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads an event field as the text it stands for, whether the publisher gave a Java value ({@code "t1"}, {@code 7}) or a
 * JSON tree from an HTTP body ({@code TextNode("t1")}), so both address the same user or conflation key.
 */
public final class FieldValues {

    private FieldValues() {
    }

    /** The field's text, or {@code null} when absent or JSON null. */
    public static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNode node) {
            if (node.isNull() || node.isMissingNode()) {
                return null;
            }
            return node.isValueNode() ? node.asText() : node.toString();
        }
        return String.valueOf(value);
    }
}
