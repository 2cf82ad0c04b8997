package dev.realtimehub.core.api;

import dev.realtimehub.core.internal.WireEnums;

/**
 * Where a background task stands, the {@code status} of a {@code task_update} event; immutable.
 */
public enum TaskStatus {
    /** Waiting to start. */
    QUEUED,
    /** Under way; {@code progress} says how far. */
    RUNNING,
    /** Finished successfully. */
    DONE,
    /** Finished with an error. */
    FAILED,
    /** Stopped before it finished. */
    CANCELLED;

    /** The name on the wire: {@code queued}, {@code running}, {@code done}, {@code failed} or {@code cancelled}. */
    public String wireName() {
        return WireEnums.wireName(this);
    }

    /**
     * The status named {@code value}, case-insensitive.
     *
     * @throws IllegalArgumentException naming {@code status} and the choices
     */
    public static TaskStatus parse(String value) {
        return WireEnums.parse(TaskStatus.class, "status", value);
    }
}
