package dev.realtimehub.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.realtimehub.server.RealtimeHub;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** {@link HubExtension} run on small test classes of its own, through the JUnit launcher. */
class HubExtensionTest {

    /** What the test classes below saw, in order. */
    static final List<RealtimeHub> SEEN = new CopyOnWriteArrayList<>();
    private static final String LAUNCHED = "hub-extension-test.launched";

    private static TestExecutionSummary run(Class<?> testClass) {
        SEEN.clear();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
                .configurationParameter(LAUNCHED, "true").build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        return listener.getSummary();
    }

    /** Whether nothing listens on {@code port} of the loopback address any more. */
    private static boolean released(int port) {
        try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException stillBound) {
            return false;
        }
    }

    @Test
    void aHubIsStartedWithTheSettingsAndClosedAfterAFailedTest() {
        TestExecutionSummary summary = run(FailingAfterStart.class);

        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(summary.getFailures()).singleElement()
                .satisfies(f -> assertThat(f.getException()).hasMessage("the test failed"));
        assertThat(SEEN).singleElement().satisfies(hub -> {
            assertThat(hub.config().nodeId()).isEqualTo("node-x");
            assertThat(hub.config().transport().port()).as("configured for any free port").isZero();
            assertThat(released(hub.port())).as("port %d released", hub.port()).isTrue();
        });
    }

    @Test
    void everyParameterOfOneTestIsTheSameHubAndEachTestGetsItsOwn() {
        TestExecutionSummary summary = run(TwoTests.class);

        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        assertThat(SEEN).hasSize(4);
        assertThat(SEEN.get(0)).as("@BeforeEach and test of the first test").isSameAs(SEEN.get(1));
        assertThat(SEEN.get(2)).as("@BeforeEach and test of the second test").isSameAs(SEEN.get(3));
        assertThat(SEEN.get(0)).as("a fresh hub per test").isNotSameAs(SEEN.get(2));
        assertThat(SEEN).allSatisfy(hub -> assertThat(released(hub.port())).isTrue());
    }

    @Test
    void extraHubsTakeTheirOwnSettingsOnTopAndAreClosedToo() {
        TestExecutionSummary summary = run(ExtraHub.class);

        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(SEEN).hasSize(2);
        assertThat(SEEN.get(1).config().nodeId()).as("the extension's settings").isEqualTo("node-x");
        assertThat(SEEN.get(1).config().limits().maxSubscriptions()).as("and its own").isEqualTo(3);
        assertThat(SEEN.get(0).config().limits().maxSubscriptions()).as("the test's hub keeps the defaults")
                .isNotEqualTo(3);
        assertThat(SEEN).allSatisfy(hub -> assertThat(released(hub.port())).isTrue());
    }

    @Test
    void hubsAreStartedForARunningTestOnly() {
        HubExtension outside = HubExtension.withDefaults();

        assertThatThrownBy(() -> outside.start(s -> { })).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("running test");
    }

    /** The classes below run when this test launches them, not on their own (say, an IDE running the package). */
    static final class LaunchedHere implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(LAUNCHED).isPresent()
                    ? ConditionEvaluationResult.enabled("launched by HubExtensionTest")
                    : ConditionEvaluationResult.disabled("runs only through HubExtensionTest");
        }
    }

    @ExtendWith(LaunchedHere.class)
    static class FailingAfterStart {
        @RegisterExtension
        final HubExtension hubs = HubExtension.withSettings(s -> s.nodeId("node-x"));

        @Test
        void fails(RealtimeHub hub) {
            SEEN.add(hub);
            throw new AssertionError("the test failed");
        }
    }

    @ExtendWith(LaunchedHere.class)
    static class TwoTests {
        @RegisterExtension
        final HubExtension hubs = HubExtension.withDefaults();

        @BeforeEach
        void start(RealtimeHub hub) {
            SEEN.add(hub);
        }

        @Test
        void first(RealtimeHub hub) {
            SEEN.add(hub);
        }

        @Test
        void second(RealtimeHub hub) {
            SEEN.add(hub);
        }
    }

    @ExtendWith(LaunchedHere.class)
    static class ExtraHub {
        @RegisterExtension
        final HubExtension hubs = HubExtension.withSettings(s -> s.nodeId("node-x"));

        @Test
        void startsOneMore(RealtimeHub hub) {
            SEEN.add(hub);
            SEEN.add(hubs.start(s -> s.maxSubscriptions(3)));
        }
    }
}
