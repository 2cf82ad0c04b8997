package dev.realtimehub.e2e.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtimehub.core.api.Severity;
import dev.realtimehub.e2e.Browser;
import dev.realtimehub.server.RealtimeHub;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard in headless Chromium against a real hub sampling every 200 ms. */
class DashboardPageTest {

    private static RealtimeHub hub;
    private static Browser browser;

    @BeforeAll
    static void start() {
        RealtimeHub.Builder builder = RealtimeHub.builder().port(0).nodeId("node-1");
        builder.settings().metricsIntervalMs(200);
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

    private static long metricsSeq() {
        return hub.engine().position("metrics").seq();
    }

    @Test
    void chartsStartFromTheSnapshotAndGrowLiveWithoutConsoleErrors() {
        await().atMost(Duration.ofSeconds(20)).until(() -> metricsSeq() >= 5);

        ConsolePage page = ConsolePage.open(browser, hub, "/");

        long first = page.<Number>awaitJs("return window.hubDashboard.points()", n -> n.longValue() >= 5).longValue();
        page.<Number>awaitJs("return window.hubDashboard.points()", n -> n.longValue() >= first + 3);
        assertThat(page.all(".chart .uplot")).hasSize(5);
        assertThat((String) browser.js("return document.querySelector('[data-chart=cpu] .value').textContent"))
                .endsWith("%");
        page.awaitJs("return document.querySelector('[data-chart=connections] .value').textContent", "1"::equals);
        page.awaitJs("return document.querySelector('#subscriptions [data-topic=metrics] span')?.textContent", "1"::equals);
        page.assertNoConsoleErrors();
    }

    @Test
    void theSnapshotAndTheLiveTopicJoinWithoutAGapOrARepeat() {
        ConsolePage page = ConsolePage.open(browser, hub, "/");

        long target = metricsSeq() + 2;
        page.<Number>awaitJs("return window.hubDashboard.lastSeq()", n -> n.longValue() >= target);

        // one node, every sample within ten minutes: sample n has seq n, so the count equals the last seq
        for (int i = 0; i < 3; i++) {
            @SuppressWarnings("unchecked")
            java.util.List<Number> figures = (java.util.List<Number>) browser.js(
                    "return [window.hubDashboard.samples(), window.hubDashboard.lastSeq()]");
            assertThat(figures.get(0).longValue()).isEqualTo(figures.get(1).longValue());
            long seen = figures.get(1).longValue();
            page.<Number>awaitJs("return window.hubDashboard.lastSeq()", n -> n.longValue() > seen);
        }
    }

    @Test
    void countersOnStatsBecomeCardsAndFollowTheirUpdates() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("total_forwards", 1200);
        stats.put("failed", 7);
        hub.broadcasts().statsUpdate(stats).join();
        hub.eventBus().emit("FORWARD_SUCCESS", Map.of("rule_id", 12, "source", "@news")).join();

        ConsolePage page = ConsolePage.open(browser, hub, "/");

        page.awaitJs("return document.querySelector('[data-counter=total_forwards] .card-value')?.textContent"
                + ".replace(/\\D/g, '')", "1200"::equals);
        stats.put("total_forwards", 1300);
        hub.broadcasts().statsUpdate(stats, false).join();
        page.awaitJs("return document.querySelector('[data-counter=total_forwards] .card-value').textContent"
                + ".replace(/\\D/g, '')", "1300"::equals);
        assertThat(page.one("[data-counter=failed] .card-value").getText()).isEqualTo("7");
        assertThat(page.one("#bus-events").getText()).contains("FORWARD_SUCCESS", "rule_id=12");
        page.awaitJs("return window.hubDashboard.points()", n -> ((Number) n).longValue() >= 10);
        page.screenshot("dashboard");
        page.assertNoConsoleErrors();
    }

    @Test
    void anAlertAndANotificationShowAsToasts() {
        ConsolePage page = ConsolePage.open(browser, hub, "/").awaitSubscribed("alerts", "notifications");

        hub.broadcasts().alert("disk_space", "Disk almost full", "/var is at 93%", Severity.CRITICAL).join();
        hub.broadcasts().notification(null, "Report ready", "The weekly report is ready.", "/tasks.html").join();

        page.awaitJs("return [...document.querySelectorAll('.toast')].map(t => t.textContent).join('|')",
                (String text) -> text.contains("Disk almost full") && text.contains("Report ready"));
        assertThat(page.one(".toast-error").getText()).contains("Disk almost full", "/var is at 93%");
        assertThat(page.one(".toast-info").getText()).contains("The weekly report is ready.", "Open");
        page.assertNoConsoleErrors();
    }
}
