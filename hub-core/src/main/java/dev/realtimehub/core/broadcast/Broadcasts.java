package dev.realtimehub.core.broadcast;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import dev.realtimehub.core.api.Publication;
import dev.realtimehub.core.api.Publisher;
import dev.realtimehub.core.api.RuleAction;
import dev.realtimehub.core.api.Severity;
import dev.realtimehub.core.api.TaskStatus;

/**
 * The broadcast helpers of the system the hub replaces — stats, rule changes, system events, logs, alerts,
 * notifications — plus task updates, each publishing one event of the old message shape on its built-in topic.
 *
 * <p>The old helpers had default arguments; here an overload with fewer parameters stands for them and says which
 * default it uses. Where the old system allowed {@code None}, {@code null} is allowed and the field is sent as JSON
 * {@code null}, never left out. Every helper checks its input first and throws {@link IllegalArgumentException} naming
 * the bad parameter; otherwise it returns the future of {@link Publisher#publish}, which completes with the event's seq.
 * Under overload that future completes late, or fails with {@link dev.realtimehub.core.api.BackpressureException}
 * (nothing was published) after {@code publish.max-wait-ms}: a caller that must not lose the event retries it.
 *
 * <p>Thread-safe and stateless: call from any thread. Events published one after the other from one thread keep that
 * order on their topic.
 */
public final class Broadcasts {

    private static final String STATS = "stats";
    private static final String RULES = "rules";
    private static final String SYSTEM = "system";
    private static final String LOGS = "logs";
    private static final String ALERTS = "alerts";
    private static final String NOTIFICATIONS = "notifications";
    private static final String TASKS = "tasks";

    private final Publisher publisher;

    /** Helpers publishing through {@code publisher}, usually a {@link dev.realtimehub.core.engine.HubEngine}. */
    public Broadcasts(Publisher publisher) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    /** {@code stats_update} on {@code stats}, merged into the topic's window ({@code throttle=true}, the old default). */
    public CompletableFuture<Long> statsUpdate(Map<String, ?> stats) {
        return statsUpdate(stats, true);
    }

    /**
     * {@code stats_update} on {@code stats}: {@code {"data": stats}}.
     *
     * @param stats the figures; not null
     * @param throttle {@code true} merges into the topic's window, {@code false} sends at once
     */
    public CompletableFuture<Long> statsUpdate(Map<String, ?> stats, boolean throttle) {
        requireNonNull("stats", stats);
        return publish(STATS, Publication.builder("stats_update").field("data", stats).throttle(throttle));
    }

    /** {@code rule_change} on {@code rules} with {@code details} null. */
    public CompletableFuture<Long> ruleChange(Object ruleId, RuleAction action) {
        return ruleChange(ruleId, action, null);
    }

    /**
     * {@code rule_change} on {@code rules}: {@code {"rule_id", "action", "details"}}.
     *
     * @param ruleId the rule's id: a non-blank String or a Number, as the old system's ids were
     * @param action what happened; not null
     * @param details any JSON-serialisable value, or null
     */
    public CompletableFuture<Long> ruleChange(Object ruleId, RuleAction action, Object details) {
        requireId("ruleId", ruleId);
        requireNonNull("action", action);
        return publish(RULES, Publication.builder("rule_change")
                .field("rule_id", ruleId)
                .field("action", action.wireName())
                .field("details", details));
    }

    /** {@code rule_change} with the action by its wire name and {@code details} null. */
    public CompletableFuture<Long> ruleChange(Object ruleId, String action) {
        return ruleChange(ruleId, action, null);
    }

    /**
     * {@code rule_change} with the action by its wire name: {@code created}, {@code updated}, {@code deleted} or
     * {@code toggled}.
     */
    public CompletableFuture<Long> ruleChange(Object ruleId, String action, Object details) {
        return ruleChange(ruleId, RuleAction.parse(action), details);
    }

    /** {@code system_event} on {@code system} with {@code data} null. */
    public CompletableFuture<Long> systemEvent(String event, String message) {
        return systemEvent(event, message, null);
    }

    /**
     * {@code system_event} on {@code system}: {@code {"event", "message", "data"}}.
     *
     * @param event what happened, e.g. {@code startup}; not blank
     * @param message a human-readable line; not null
     * @param data any JSON-serialisable value, or null
     */
    public CompletableFuture<Long> systemEvent(String event, String message, Object data) {
        requireText("event", event);
        requireNonNull("message", message);
        return publish(SYSTEM, Publication.builder("system_event")
                .field("event", event)
                .field("message", message)
                .field("data", data));
    }

    /** {@code log} on {@code logs} with {@code module} null, merged into the topic's window. */
    public CompletableFuture<Long> log(String level, String message) {
        return log(level, message, null, true);
    }

    /** {@code log} on {@code logs}, merged into the topic's window ({@code throttle=true}, the old default). */
    public CompletableFuture<Long> log(String level, String message, String module) {
        return log(level, message, module, true);
    }

    /**
     * {@code log} on {@code logs}: {@code {"level", "message", "module"}}.
     *
     * @param level the log level as the application names it, e.g. {@code INFO}; not blank
     * @param message the log line; not null
     * @param module where it comes from, or null
     * @param throttle {@code true} merges into the topic's window, {@code false} sends at once
     */
    public CompletableFuture<Long> log(String level, String message, String module, boolean throttle) {
        requireText("level", level);
        requireNonNull("message", message);
        return publish(LOGS, Publication.builder("log")
                .field("level", level)
                .field("message", message)
                .field("module", module)
                .throttle(throttle));
    }

    /** {@code alert} on {@code alerts} with severity {@code warning}, the old default. */
    public CompletableFuture<Long> alert(String alertType, String title, String message) {
        return alert(alertType, title, message, Severity.WARNING);
    }

    /**
     * {@code alert} on {@code alerts}: {@code {"alert_type", "title", "message", "severity"}}.
     *
     * @param alertType the kind of alert, e.g. {@code disk_space}; not blank
     * @param title a short title; not blank
     * @param message the text; not null
     * @param severity how serious; not null
     */
    public CompletableFuture<Long> alert(String alertType, String title, String message, Severity severity) {
        requireText("alertType", alertType);
        requireText("title", title);
        requireNonNull("message", message);
        requireNonNull("severity", severity);
        return publish(ALERTS, Publication.builder("alert")
                .field("alert_type", alertType)
                .field("title", title)
                .field("message", message)
                .field("severity", severity.wireName()));
    }

    /**
     * {@code alert} with the severity by its wire name: {@code info}, {@code warning}, {@code error} or
     * {@code critical}.
     */
    public CompletableFuture<Long> alert(String alertType, String title, String message, String severity) {
        return alert(alertType, title, message, Severity.parse(severity));
    }

    /** {@code notification} on {@code notifications} with {@code action_url} null. */
    public CompletableFuture<Long> notification(String userId, String title, String body) {
        return notification(userId, title, body, null);
    }

    /**
     * {@code notification} on {@code notifications}: {@code {"user_id", "title", "body", "action_url"}}. A user id makes
     * the hub deliver it only to that user's connections; {@code null} sends it to everyone (as {@code "user_id":null}).
     *
     * @param userId the user it is for, or null for everyone; not blank
     * @param title a short title; not blank
     * @param body the text; not null
     * @param actionUrl where clicking it leads, or null
     */
    public CompletableFuture<Long> notification(String userId, String title, String body, String actionUrl) {
        if (userId != null) {
            requireText("userId", userId);
        }
        requireText("title", title);
        requireNonNull("body", body);
        return publish(NOTIFICATIONS, Publication.builder("notification")
                .field("user_id", userId)
                .field("title", title)
                .field("body", body)
                .field("action_url", actionUrl));
    }

    /**
     * {@code task_update} on {@code tasks}: {@code {"task_id", "name", "status", "progress", "message"}}. The topic keeps
     * the latest update per task, so a page that opens later still sees every task's state.
     *
     * @param taskId the task's id; not blank
     * @param name the task's display name; not blank
     * @param status where it stands; not null
     * @param progress how far, 0 to 100
     * @param message a line about the current step, or null
     */
    public CompletableFuture<Long> taskUpdate(String taskId, String name, TaskStatus status, int progress,
                                              String message) {
        requireText("taskId", taskId);
        requireText("name", name);
        requireNonNull("status", status);
        if (progress < 0 || progress > 100) {
            throw new IllegalArgumentException("progress: expected 0..100 but was " + progress);
        }
        return publish(TASKS, Publication.builder("task_update")
                .field("task_id", taskId)
                .field("name", name)
                .field("status", status.wireName())
                .field("progress", progress)
                .field("message", message));
    }

    /**
     * {@code task_update} with the status by its wire name: {@code queued}, {@code running}, {@code done},
     * {@code failed} or {@code cancelled}.
     */
    public CompletableFuture<Long> taskUpdate(String taskId, String name, String status, int progress, String message) {
        return taskUpdate(taskId, name, TaskStatus.parse(status), progress, message);
    }

    private CompletableFuture<Long> publish(String topic, Publication.Builder publication) {
        return publisher.publish(topic, publication.build());
    }

    private static void requireNonNull(String parameter, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(parameter + ": must not be null");
        }
    }

    private static void requireText(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(parameter + ": must not be blank but was "
                    + (value == null ? "null" : "'" + value + "'"));
        }
    }

    private static void requireId(String parameter, Object value) {
        if (value instanceof String text) {
            requireText(parameter, text);
        } else if (!(value instanceof Number)) {
            throw new IllegalArgumentException(parameter + ": expected a String or a Number but was "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
    }
}
