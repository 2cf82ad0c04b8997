package dev.realtimehub.e2e.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.e2e.Browser;
import dev.realtimehub.server.RealtimeHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tasks page in headless Chromium against a real hub whose finished tasks fade after 1.5 s. */
class TasksPageTest {


    private static RealtimeHub hub;
    private static Browser browser;

    @BeforeAll
    static void start() {
        RealtimeHub.Builder builder = RealtimeHub.builder().port(0);
        builder.settings().taskFadeMs(1_500);
        hub = builder.start();
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
    private static void put(String id, String name, String status, int progress, String message) {
        TaskReports.put(hub, id, name, status, progress, message);
    }

    private static String card(String id) {
        return "document.querySelector('[data-task-id=\"" + id + "\"]')";
    }

    @Test
    void aFreshPageShowsTheCurrentTasksAtOnce() {
        put("backup-1", "Nightly backup", "running", 30, "copying volumes");

        ConsolePage page = ConsolePage.open(browser, hub, "/tasks.html");

        page.awaitJs("return " + card("backup-1") + "?.dataset.status", "running"::equals);
        assertThat(page.one("[data-task-id=backup-1] .task-name").getText()).isEqualTo("Nightly backup");
        assertThat(page.one("[data-task-id=backup-1] .progress").getAttribute("aria-valuenow")).isEqualTo("30");
        assertThat(page.one("[data-task-id=backup-1] .task-message").getText()).isEqualTo("copying volumes");
        assertThat(page.one("[data-task-id=backup-1] .task-meta").getText()).matches("(?s)Started \\d\\d:\\d\\d:\\d\\d.*"
                + "Duration \\d+s.*backup-1");
        page.assertNoConsoleErrors();
    }

    @Test
    void aTaskCreatedOverHttpAppearsWithItsProgressAndMovesWhenUpdated() {
        ConsolePage page = ConsolePage.open(browser, hub, "/tasks.html").awaitSubscribed("tasks");

        put("import-7", "Import subscribers", "running", 10, "reading file");
        page.awaitJs("return " + card("import-7") + "?.querySelector('.progress').getAttribute('aria-valuenow')",
                "10"::equals);
        put("import-7", "Import subscribers", "running", 65, "writing batch 4");
        page.awaitJs("return " + card("import-7") + ".querySelector('.progress').getAttribute('aria-valuenow')",
                "65"::equals);

        assertThat(page.one("[data-task-id=import-7] .progress-value").getText()).isEqualTo("65%");
        assertThat(page.one("[data-task-id=import-7] .task-message").getText()).isEqualTo("writing batch 4");
        assertThat(page.one("[data-task-id=import-7] .progress-fill").getAttribute("style")).contains("width: 65%");
        page.assertNoConsoleErrors();
    }

    @Test
    void aFinishedTaskShowsItsOutcomeThenFadesOutButStaysInTheHubsState() {
        ConsolePage page = ConsolePage.open(browser, hub, "/tasks.html");

        put("sync-3", "Sync rules", "running", 90, "almost there");
        page.awaitJs("return " + card("sync-3") + "?.dataset.status", "running"::equals);
        put("sync-3", "Sync rules", "failed", 90, "worker lost");
        page.awaitJs("return " + card("sync-3") + "?.dataset.status", "failed"::equals);
        page.awaitJs("return " + card("sync-3") + " === null", Boolean.TRUE::equals);

        assertThat(hub.engine().position("tasks").seq()).isPositive();
        ConsolePage reopened = ConsolePage.open(browser, hub, "/tasks.html");
        reopened.awaitJs("return window.hubTasks.count()", n -> ((Number) n).intValue() >= 1);
        assertThat(reopened.all("[data-task-id=sync-3]")).as("faded for good on a fresh page").isEmpty();
    }

    @Test
    void screenshotOfABusyBoard() {
        RealtimeHub busy = RealtimeHub.builder().port(0).start(); // finished tasks stay a minute here
        try {
            busy.tasks().update("export-1", "Export monthly statistics", "running", 42, "step 5 of 12");
            busy.tasks().update("index-2", "Re-index forwarding rules", "queued", 0, "waiting for a worker");
            busy.tasks().update("archive-3", "Compact message archive", "running", 88, "compacting segment 22");
            busy.tasks().update("report-4", "Weekly report", "done", 100, "sent to 14 recipients");
            busy.tasks().update("creds-5", "Rotate API credentials", "failed", 35, "vault unreachable: connection reset");
            busy.tasks().update("backfill-6", "Backfill channel history", "running", 7, "fetching @market_news");
            ConsolePage page = ConsolePage.open(browser, busy, "/tasks.html");

            page.awaitJs("return document.querySelectorAll('.task').length", n -> ((Number) n).intValue() == 6);

            page.screenshot("tasks");
            page.assertNoConsoleErrors();
        } finally {
            busy.close();
        }
    }
}
