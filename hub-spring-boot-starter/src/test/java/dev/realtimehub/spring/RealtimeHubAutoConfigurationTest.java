package dev.realtimehub.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtimehub.core.broadcast.Broadcasts;
import dev.realtimehub.core.bus.EventBus;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.console.TaskBoard;
import dev.realtimehub.server.testing.WsTestClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The beans the auto-configuration contributes, and when it steps back. */
class RealtimeHubAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RealtimeHubAutoConfiguration.class))
            .withPropertyValues("realtime-hub.port=0");

    @Test
    void exposesTheHubAndItsHelpersAsBeans() {
        runner.run(context -> {
            RealtimeHub hub = context.getBean(RealtimeHub.class);
            assertThat(hub.port()).isPositive();
            assertThat(context.getBean(Broadcasts.class)).isSameAs(hub.broadcasts());
            assertThat(context.getBean(EventBus.class)).isSameAs(hub.eventBus());
            assertThat(context.getBean(TaskBoard.class)).isSameAs(hub.tasks());
            assertThat(context).hasSingleBean(RealtimeHubHealthIndicator.class);
        });
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwnHub() {
        // the properties would not even start a hub: they are not read when the application brings its own
        runner.withUserConfiguration(OwnHub.class).withPropertyValues("realtime-hub.port=70000").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(RealtimeHub.class);
            RealtimeHub hub = context.getBean(RealtimeHub.class);
            assertThat(hub.engine().nodeId()).isEqualTo("own-hub");
            assertThat(context.getBean(Broadcasts.class)).isSameAs(hub.broadcasts());
            assertThat(context.getBean(EventBus.class)).isSameAs(hub.eventBus());
        });
    }

    @Test
    void registersTheHubsMetersInTheApplicationsRegistry() {
        runner.withUserConfiguration(Registry.class).run(context -> {
            SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
            RealtimeHub hub = context.getBean(RealtimeHub.class);
            Gauge connections = registry.find("hub.connections").gauge();
            assertThat(connections).isNotNull();
            assertThat(connections.value()).isZero();
            assertThat(registry.find("hub.events.published").tag("topic", "alerts").functionCounter()).isNotNull();
            try (WsTestClient client = WsTestClient.connected(hub.webSocketUri())) {
                client.subscribe("alerts");
                assertThat(connections.value()).isEqualTo(1);
                hub.broadcasts().alert("disk_space", "Disk almost full", "/var is at 91%", "critical").join();
                await().atMost(Duration.ofSeconds(10)).until(() -> registry.find("hub.events.delivered")
                        .tag("topic", "alerts").functionCounter().count() == 1);
            }
        });
    }

    @Test
    void worksWithoutActuatorsHealthSupport() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health")).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(RealtimeHub.class);
            assertThat(context).doesNotHaveBean("realtimeHubHealthIndicator");
        });
    }

    @Test
    void healthIsUpWhileTheProbePassesAndDownOnceTheHubDrains() {
        runner.run(context -> {
            RealtimeHubHealthIndicator indicator = context.getBean(RealtimeHubHealthIndicator.class);
            Health up = indicator.health();
            assertThat(up.getStatus()).isEqualTo(Status.UP);
            assertThat(up.getDetails()).containsKeys("latency_ms", "node", "broker");
            context.getBean(RealtimeHub.class).startDraining();
            Health down = indicator.health();
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails()).containsEntry("reason", "draining");
        });
    }

    @Test
    void healthIsDownWhileTheBrokerStopsDeliveringAndUpAgainOnceItDoes() throws Exception {
        try (FreezableProxy redis = new FreezableProxy(6379)) {
            runner.withPropertyValues("realtime-hub.redis.uri=redis://127.0.0.1:" + redis.port(),
                    "realtime-hub.redis.key-prefix=rthub-boot-" + System.nanoTime() + ":",
                    "realtime-hub.redis.command-timeout-ms=300", "realtime-hub.health.ready-timeout-ms=500",
                    "realtime-hub.shutdown.grace-ms=0").run(context -> {
                        RealtimeHubHealthIndicator indicator = context.getBean(RealtimeHubHealthIndicator.class);
                        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
                        assertThat(indicator.health().getDetails()).containsEntry("broker", "RedisBroker");
                        redis.freeze();
                        Health down = indicator.health();
                        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                        assertThat(String.valueOf(down.getDetails().get("reason"))).contains("probe");
                        redis.thaw();
                        await().atMost(Duration.ofSeconds(10))
                                .until(() -> indicator.health().getStatus().equals(Status.UP));
                    });
        }
    }

    @Test
    void closingTheContextDrainsTheHubAndClientsGet1001() throws Exception {
        WsTestClient[] client = new WsTestClient[1];
        runner.run(context -> {
            client[0] = WsTestClient.connected(context.getBean(RealtimeHub.class).webSocketUri());
            client[0].subscribe("alerts");
        });
        assertThat(client[0].closeCode().get(10, TimeUnit.SECONDS)).isEqualTo(1001);
        client[0].close();
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnHub {
        @Bean(destroyMethod = "close")
        RealtimeHub myHub() {
            return RealtimeHub.builder().port(0).nodeId("own-hub").start();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Registry {
        @Bean
        SimpleMeterRegistry simpleMeterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
