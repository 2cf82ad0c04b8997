package dev.realtimehub.e2e.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtimehub.core.api.CloseCode;
import dev.realtimehub.core.engine.ConnectionView;
import dev.realtimehub.e2e.Browser;
import dev.realtimehub.server.RealtimeHub;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/** The one-task view, /tasks.html?task=<id>, in headless Chromium against a real hub: a channel per entity. */
class TaskViewPageTest {


    private static RealtimeHub hub;
    private static Browser browser;

    @BeforeAll
    static void start() {
        hub = RealtimeHub.builder().port(0).start();
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    /** PUT /api/tasks/{id} over real HTTP, as a backend reports a task. */
    private static void put(String id, String status, int progress, String message) {
        TaskReports.put(hub, id, "Task " + id, status, progress, message);
    }

    private static ConsolePage openView(String id) {
        return ConsolePage.open(browser, hub, "/tasks.html?task=" + URLEncoder.encode(id, StandardCharsets.UTF_8));
    }

    private static void awaitEntries(ConsolePage page, int n) {
        page.awaitJs("return window.hubTaskView.entries()", v -> ((Number) v).intValue() == n);
    }

    private static List<String> timeline(ConsolePage page, String attribute) {
        return page.all("#task-timeline .timeline-entry").stream().map(e -> e.getAttribute(attribute)).toList();
    }

    private static String progress(ConsolePage page) {
        return page.one("#task-progress").getAttribute("aria-valuenow");
    }

    @Test
    void theViewShowsTheTasksStoryFromItsChannelThenEveryUpdateLive() {
        put("export-9", "queued", 0, "waiting for a worker");
        put("export-9", "running", 20, "step 1 of 5");

        ConsolePage page = openView("export-9");

        awaitEntries(page, 2);
        assertThat(page.one("#task-name").getText()).isEqualTo("Task export-9");
        assertThat(page.one("#task-status").getText()).isEqualToIgnoringCase("running");
        assertThat(progress(page)).isEqualTo("20");
        assertThat(page.one("#task-source").getText()).isEqualTo("Following task:export-9");
        assertThat(page.one("#task-unknown").isDisplayed()).isFalse();

        put("other-4", "running", 99, "not mine");
        put("export-9", "running", 60, "step 3 of 5");
        page.awaitJs("return document.getElementById('task-progress').getAttribute('aria-valuenow')", "60"::equals);
        put("export-9", "done", 100, "exported 1,204 rows");
        page.awaitJs("return document.getElementById('task-view').dataset.status", "done"::equals);

        awaitEntries(page, 4);
        assertThat(page.one("#task-message").getText()).isEqualTo("exported 1,204 rows");
        assertThat(page.one("#task-progress-value").getText()).isEqualTo("100%");
        assertThat(page.one("#task-started").getText()).matches("\\d\\d:\\d\\d:\\d\\d");
        assertThat(page.one("#task-duration").getText()).matches("\\d+s");
        // newest first, every one from the task's channel, none of the other task's
        assertThat(timeline(page, "data-status")).containsExactly("done", "running", "running", "queued");
        assertThat(timeline(page, "data-seq")).containsExactly("4", "3", "2", "1");
        assertThat(timeline(page, "data-topic")).containsOnly("task:export-9");
        assertThat(page.one("#task-timeline").getText()).contains("step 1 of 5", "exported 1,204 rows")
                .doesNotContain("not mine");
        page.screenshot("task-view");
        page.assertNoConsoleErrors();
    }

    @Test
    void anUnknownTaskSaysSoThenTurnsLiveWithItsFirstUpdate() {
        ConsolePage page = openView("later-1");
        assertThat(page.one("#task-unknown").isDisplayed()).isTrue();
        assertThat(page.one("#task-unknown").getText()).contains("No such task yet", "later-1");
        assertThat(page.one("#task-state").isDisplayed()).isFalse();

        put("later-1", "running", 5, "warming up");

        page.awaitJs("return document.getElementById('task-view').dataset.known", "true"::equals);
        awaitEntries(page, 1);
        assertThat(page.one("#task-unknown").isDisplayed()).isFalse();
        assertThat(page.one("#task-message").getText()).isEqualTo("warming up");
        assertThat(progress(page)).isEqualTo("5");
        page.assertNoConsoleErrors();
    }

    @Test
    void namesAndMessagesAreShownAsTextNeverAsMarkup() {
        String name = "<img src=x onerror=\"window.pwned=1\"> & <b>bold</b>";
        hub.tasks().update("xss-1", name, "running", 10, "<script>window.pwned=2</script>").join();

        ConsolePage page = openView("xss-1");

        awaitEntries(page, 1);
        assertThat(page.one("#task-name").getText()).isEqualTo(name);
        assertThat(page.one("#task-message").getText()).isEqualTo("<script>window.pwned=2</script>");
        assertThat(page.all("#task-view img, #task-view b:not([id]), #task-view script")).isEmpty();
        assertThat(browser.js("return window.pwned === undefined")).isEqualTo(true);
    }

    @Test
    void theBoardsLinkOpensTheViewAndTheViewLinksBack() {
        put("linked-2", "running", 33, "on the board");
        ConsolePage board = ConsolePage.open(browser, hub, "/tasks.html");
        board.awaitJs("return document.querySelector('[data-task-id=\"linked-2\"] a.task-name')?.textContent",
                "Task linked-2"::equals);

        board.click("[data-task-id=linked-2] a.task-name");

        board.awaitJs("return window.hubTaskView && window.hubTaskView.entries()", v -> ((Number) v).intValue() == 1);
        assertThat(browser.driver().getCurrentUrl()).endsWith("/tasks.html?task=linked-2");
        assertThat(board.one("#task-name").getText()).isEqualTo("Task linked-2");
        assertThat(progress(board)).isEqualTo("33");

        board.click("#back-to-board");
        board.awaitJs("return document.querySelector('[data-task-id=\"linked-2\"]') !== null", Boolean.TRUE::equals);
        assertThat(browser.driver().getCurrentUrl()).endsWith("/tasks.html");
        board.assertNoConsoleErrors();
    }

    @Test
    void anIdThatIsNoChannelKeyIsFollowedOnTasksThroughAFilter() {
        String id = "report 2024/Q1 (final) — über";
        hub.tasks().update(id, "Quarterly report", "running", 10, "collecting").join();

        ConsolePage page = openView(id);

        page.awaitJs("return window.hubTaskView.mode()", "filter"::equals);
        awaitEntries(page, 1);
        assertThat(page.one("#task-source").getText()).isEqualTo("Following tasks, filtered by task_id");
        assertThat(page.one("#task-name").getText()).isEqualTo("Quarterly report");
        // the filtered subscription is on the hub: other tasks' updates never reach the page
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.engine().channels().existing("tasks").filterCount() >= 1);
        hub.tasks().update("someone-else", "Not this one", "running", 70, "not mine").join();
        hub.tasks().update(id, "Quarterly report", "running", 80, "rendering").join();

        page.awaitJs("return document.getElementById('task-progress').getAttribute('aria-valuenow')", "80"::equals);
        awaitEntries(page, 2);
        assertThat(page.one("#task-message").getText()).isEqualTo("rendering");
        assertThat(timeline(page, "data-topic")).containsOnly("tasks");
        assertThat(page.one("#task-timeline").getText()).contains("collecting", "rendering").doesNotContain("not mine");
        page.assertNoConsoleErrors();
    }

    @Test
    void theViewRecoversWhatItMissedWhileReconnecting() {
        put("resume-5", "running", 10, "before");
        ConsolePage page = openView("resume-5");
        awaitEntries(page, 1);
        List<String> before = hub.engine().connections().stream().map(ConnectionView::clientId).toList();
        assertThat(before).isNotEmpty();

        // the page is told to go (and reconnects at once); what is published meanwhile comes with its recovery
        before.forEach(client -> hub.engine().disconnectClient(client, CloseCode.SLOW_CONSUMER, "test: reconnect"));
        hub.tasks().update("resume-5", "Task resume-5", "running", 50, "while away").join();
        hub.tasks().update("resume-5", "Task resume-5", "running", 70, "just after").join();

        page.awaitJs("return document.getElementById('task-progress').getAttribute('aria-valuenow')", "70"::equals);
        awaitEntries(page, 3);
        assertThat(timeline(page, "data-seq")).containsExactly("3", "2", "1");
        assertThat(hub.engine().connections()).extracting(ConnectionView::clientId).doesNotContainAnyElementsOf(before);
        WebElement badge = page.one("#connection-badge");
        assertThat(badge.getAttribute("data-state")).isEqualTo("connected");
    }
}
