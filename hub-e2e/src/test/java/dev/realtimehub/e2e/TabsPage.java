package dev.realtimehub.e2e;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.WindowType;

/**
 * Several tabs of ONE browser context, each showing the test page {@code /e2e/tabs.html} (the default
 * {@code window.wsManager} subscribed to some topics, recording what it sees in {@code window.e2e}); this class opens,
 * reads and closes them.
 */
final class TabsPage {

    private final Browser browser;
    private final List<String> open = new ArrayList<>();

    TabsPage(Browser browser) {
        this.browser = browser;
    }

    /** Opens {@code count} tabs of {@code base + /e2e/tabs.html?query}, the first in the browser's first window. */
    void open(URI base, String query, int count) {
        for (int i = 0; i < count; i++) {
            if (!open.isEmpty()) {
                browser.driver().switchTo().newWindow(WindowType.TAB);
            }
            browser.driver().get(base.resolve("/e2e/tabs.html") + "?" + query);
            open.add(browser.driver().getWindowHandle());
        }
    }

    /** The handles of the tabs still open, in the order they were opened. */
    List<String> tabs() {
        return List.copyOf(open);
    }

    /** Runs a script in one tab. */
    Object js(String tab, String script, Object... args) {
        browser.driver().switchTo().window(tab);
        return browser.js(script, args);
    }

    /** The seqs the tab's handler of {@code topic} got, in order (a failed recovery would be a -1). */
    List<Long> seqs(String tab, String topic) {
        @SuppressWarnings("unchecked")
        List<Object> seqs = (List<Object>) js(tab, "return window.e2e.events.filter((e) => e.topic === arguments[0])"
                + ".map((e) => e.lost ? -1 : e.seq);", topic);
        return seqs.stream().map(s -> ((Number) s).longValue()).toList();
    }

    /** The tab's {@code getStats()} without its dates. */
    @SuppressWarnings("unchecked")
    Map<String, Object> stats(String tab) {
        return (Map<String, Object>) js(tab, "const s = window.e2e.manager.getStats(); delete s.lastConnectedAt;"
                + " delete s.lastDisconnectedAt; return s;");
    }

    /** The tab's connection state, as the page sees it. */
    String status(String tab) {
        return (String) js(tab, "return window.e2e.manager.getStatus();");
    }

    /** The tab that holds the connection (Web Locks), or null (SharedWorker: the worker holds it). */
    String holder() {
        return open.stream().filter(tab -> Boolean.TRUE.equals(stats(tab).get("holder"))).findFirst().orElse(null);
    }

    /** What onError reported in the tab. */
    Object errors(String tab) {
        return js(tab, "return window.e2e.errors;");
    }

    /** Closes one tab, as a user does; the driver then looks at the first tab still open. */
    void close(String tab) {
        browser.driver().switchTo().window(tab);
        browser.driver().close();
        open.remove(tab);
        if (!open.isEmpty()) {
            browser.driver().switchTo().window(open.get(0));
        }
    }

    /** Every tab's record, as JSON: for failure messages. */
    String debug() {
        StringBuilder out = new StringBuilder();
        for (String tab : open) {
            out.append(tab).append(": ").append(js(tab, "const e = window.e2e; return JSON.stringify({states: e.states,"
                    + " errors: e.errors, events: e.events.length, stats: e.manager.getStats()});")).append('\n');
        }
        return out.toString();
    }
}
