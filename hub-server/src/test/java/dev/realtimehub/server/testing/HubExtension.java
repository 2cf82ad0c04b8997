package dev.realtimehub.server.testing;

import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.config.HubConfig;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives each test a real hub listening on port 0 and closes it after the test, passed or
 * failed.
 *
 * <pre>{@code
 * @RegisterExtension
 * final HubExtension hubs = HubExtension.withSettings(s -> s.nodeId("node-1"));
 *
 * @Test
 * void connectedNamesTheNode(RealtimeHub hub) { ... }
 * }</pre>
 *
 * <p>A {@link RealtimeHub} parameter of a test or of a {@code @BeforeEach} method is the test's hub: started with
 * these settings when first asked for, the same instance for every parameter of one test, closed after the
 * {@code @AfterEach} methods. {@link #start(Consumer)} starts one more hub, with settings of its own on top, closed the
 * same way. A test may close a hub itself (to check what its clients see): closing is idempotent. Hubs a test builds by
 * hand are the test's own business.
 *
 * <p>Register it on an instance field: its state belongs to the one test running. Not thread-safe across tests; any
 * thread of one test.
 */
public final class HubExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final Consumer<HubConfig.Builder> settings;
    /** Guarded by this: every hub started for the running test, the latest first. */
    private final Deque<RealtimeHub> started = new ArrayDeque<>();
    /** Guarded by this: the hub {@code RealtimeHub} parameters resolve to, once one was asked for. */
    private RealtimeHub hub;
    /** Guarded by this: whether a test is running. */
    private boolean inTest;

    private HubExtension(Consumer<HubConfig.Builder> settings) {
        this.settings = settings;
    }

    /** Hubs with the defaults (docs/CONFIG.md), on port 0. */
    public static HubExtension withDefaults() {
        return new HubExtension(s -> { });
    }

    /** Hubs on port 0 with {@code settings} applied to the defaults. */
    public static HubExtension withSettings(Consumer<HubConfig.Builder> settings) {
        return new HubExtension(Objects.requireNonNull(settings, "settings"));
    }

    /**
     * Starts another hub for the running test, with the extension's settings and then {@code more}; it is closed after
     * the test.
     *
     * @throws IllegalArgumentException for a bad setting, as {@link RealtimeHub.Builder#start()} does
     */
    public synchronized RealtimeHub start(Consumer<HubConfig.Builder> more) {
        if (!inTest) {
            throw new IllegalStateException("a HubExtension starts hubs for a running test only: register it on an"
                    + " instance field and ask from a test or a @BeforeEach method");
        }
        RealtimeHub.Builder builder = RealtimeHub.builder();
        builder.settings().port(0);
        settings.accept(builder.settings());
        more.accept(builder.settings());
        RealtimeHub running = builder.start();
        started.push(running);
        return running;
    }

    /** The running test's hub, started with the extension's settings when first asked for. */
    private synchronized RealtimeHub hub() {
        if (hub == null) {
            hub = start(s -> { });
        }
        return hub;
    }

    @Override
    public synchronized void beforeEach(ExtensionContext context) {
        inTest = true;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        RuntimeException failure = null;
        synchronized (this) {
            inTest = false;
            hub = null;
            while (!started.isEmpty()) {
                try {
                    started.pop().close();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RealtimeHub.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return hub();
    }
}
