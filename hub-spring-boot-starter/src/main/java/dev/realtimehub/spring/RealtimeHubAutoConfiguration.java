package dev.realtimehub.spring;

import dev.realtimehub.core.broadcast.Broadcasts;
import dev.realtimehub.core.bus.EventBus;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.console.TaskBoard;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Runs a {@link RealtimeHub} inside a Spring Boot application, on its own port ({@code realtime-hub.port}, 8000 by
 * default), configured by the {@code realtime-hub.*} properties ({@link RealtimeHubProperties}), and exposes it with
 * its {@link Broadcasts}, {@link EventBus} and {@link TaskBoard} as beans. Closing the context drains the hub: the
 * throttling windows are flushed and every client is closed with 1001.
 *
 * <p>Backs off when the application defines a {@code RealtimeHub} bean of its own; the other beans then come from that
 * one. With a {@link MeterRegistry} the hub's meters are registered in it ({@link RealtimeHubMeterBinding}); with
 * Actuator's health support, a {@code realtimeHub} health indicator reports the end-to-end delivery probe
 * ({@link RealtimeHubHealthIndicator}).
 */
@AutoConfiguration
@ConditionalOnClass(RealtimeHub.class)
public class RealtimeHubAutoConfiguration {

    /** The hub, started from the {@code realtime-hub.*} properties; closed (drained) with the context. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public RealtimeHub realtimeHub(ConfigurableEnvironment environment) {
        return RealtimeHub.builder().config(RealtimeHubProperties.bind(environment)).start();
    }

    /** The broadcast helpers of the old system ({@code statsUpdate}, {@code alert}, …). */
    @Bean
    @ConditionalOnMissingBean
    public Broadcasts realtimeHubBroadcasts(RealtimeHub hub) {
        return hub.broadcasts();
    }

    /** The in-process event bus, routed to topics by {@code bus.routes}. */
    @Bean
    @ConditionalOnMissingBean
    public EventBus realtimeHubEventBus(RealtimeHub hub) {
        return hub.eventBus();
    }

    /** The task board behind the console's tasks page. */
    @Bean
    @ConditionalOnMissingBean
    public TaskBoard realtimeHubTaskBoard(RealtimeHub hub) {
        return hub.tasks();
    }

    /** Registers the hub's meters in the application's registry, once every singleton exists. */
    @Bean
    public static RealtimeHubMeterBinding realtimeHubMeterBinding(ObjectProvider<RealtimeHub> hub,
                                                                  ObjectProvider<MeterRegistry> registry) {
        return new RealtimeHubMeterBinding(hub, registry);
    }

    /** The {@code realtimeHub} health indicator, when the application has Spring Boot's health support. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "realtimeHubHealthIndicator")
        RealtimeHubHealthIndicator realtimeHubHealthIndicator(RealtimeHub hub) {
            return new RealtimeHubHealthIndicator(hub);
        }
    }
}
