package dev.realtimehub.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtimehub.core.bus.EventRoute;
import dev.realtimehub.core.topics.DeliveryPolicy;
import dev.realtimehub.core.topics.TopicConfig;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.config.ConfigLoader;
import dev.realtimehub.server.config.HubConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** How the {@code realtime-hub.*} properties reach the hub: relaxed forms, lists, topics, and the hub's own errors. */
class RealtimeHubPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RealtimeHubAutoConfiguration.class))
            .withPropertyValues("realtime-hub.port=0");

    @Test
    void bindsKebabCamelIndexedAndTopicKeys() {
        runner.withPropertyValues(
                "realtime-hub.node-id=spring-1",
                "realtime-hub.limits.outbound-soft-bytes=2048",
                "realtime-hub.limits.outboundHardBytes=8192",
                "realtime-hub.heartbeat.interval-ms=5000",
                "realtime-hub.topics.logs.batch-max-items=3",
                "realtime-hub.topics.audit.policy=batch",
                "realtime-hub.topics.audit.windowMs=250",
                "realtime-hub.topics.audit.roles[0]=admin",
                "realtime-hub.topics.audit.roles[1]=auditor",
                "realtime-hub.api-keys[0]=publisher-key-4f9a1c2e",
                "realtime-hub.api-keys[1]=admin-key-7b3d9e0a11",
                "realtime-hub.allowed-origins=https://a.example.com,https://b.example.com",
                "realtime-hub.bus.routes[0].prefix=AUDIT_",
                "realtime-hub.bus.routes[0].topic=audit",
                "realtime-hub.bus.routes[1]=LOG_=logs:throttle").run(context -> {
                    assertThat(context).hasNotFailed();
                    HubConfig config = context.getBean(RealtimeHub.class).config();
                    assertThat(config.nodeId()).isEqualTo("spring-1");
                    assertThat(config.transport().outboundSoftBytes()).isEqualTo(2048);
                    assertThat(config.transport().outboundHardBytes()).isEqualTo(8192);
                    assertThat(config.transport().heartbeatIntervalMs()).isEqualTo(5000);
                    assertThat(topic(config, "logs").batchMaxItems()).isEqualTo(3);
                    TopicConfig audit = topic(config, "audit");
                    assertThat(audit.policy()).isEqualTo(DeliveryPolicy.BATCH);
                    assertThat(audit.windowMs()).isEqualTo(250);
                    assertThat(audit.roles()).containsExactly("admin", "auditor");
                    assertThat(config.security().apiKeys())
                            .containsExactly("publisher-key-4f9a1c2e", "admin-key-7b3d9e0a11");
                    assertThat(config.transport().allowedOrigins())
                            .containsExactly("https://a.example.com", "https://b.example.com");
                    assertThat(config.busRoutes().routes()).containsExactly(new EventRoute("AUDIT_", "audit", null),
                            new EventRoute("LOG_", "logs", true));
                });
    }

    @Test
    void bindsEnvironmentVariablesTheWaySpringDoes() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("REALTIMEHUB_LIMITS_OUTBOUNDSOFTBYTES", "4096",
                                        "REALTIMEHUB_TOPICS_LOGS_BATCHMAXITEMS", "7"))))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    HubConfig config = context.getBean(RealtimeHub.class).config();
                    assertThat(config.transport().outboundSoftBytes()).isEqualTo(4096);
                    assertThat(topic(config, "logs").batchMaxItems()).isEqualTo(7);
                });
    }

    @Test
    void anEarlierPropertySourceWins() {
        runner.withPropertyValues("realtime-hub.limits.outbound-soft-bytes=2048")
                .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("REALTIMEHUB_LIMITS_OUTBOUNDSOFTBYTES", "4096"))))
                .run(context -> assertThat(context.getBean(RealtimeHub.class).config().transport()
                        .outboundSoftBytes()).isEqualTo(4096));
    }

    @Test
    void aBadValueFailsTheStartWithTheHubsOwnMessage() {
        String hubMessage = hubError(Map.of("heartbeat.interval-ms", "often"));
        runner.withPropertyValues("realtime-hub.heartbeat.interval-ms=often").run(context -> {
            assertThat(context).hasFailed();
            assertThat(refusal(context.getStartupFailure()))
                    .hasMessage("realtime-hub." + hubMessage);
        });
        assertThat(hubMessage).isEqualTo("heartbeat.interval-ms: expected a whole number but was 'often'");
    }

    @Test
    void aValueOutOfRangeNamesTheRelaxedKeyByItsCanonicalName() {
        runner.withPropertyValues("realtime-hub.limits.outboundSoftBytes=5").run(context ->
                assertThat(refusal(context.getStartupFailure()))
                        .hasMessage("realtime-hub." + hubError(Map.of("limits.outbound-soft-bytes", "5"))));
    }

    @Test
    void anUnknownPropertyFailsTheStartNamingIt() {
        runner.withPropertyValues("realtime-hub.heartbeat.intervall-ms=5000").run(context ->
                assertThat(refusal(context.getStartupFailure()))
                        .hasMessageStartingWith("realtime-hub.heartbeat.intervall-ms: unknown key (known: host, port,"));
        runner.withPropertyValues("realtime-hub.topics.logs.batch-size=3").run(context ->
                assertThat(refusal(context.getStartupFailure()))
                        .hasMessageStartingWith("realtime-hub.topics.logs.batch-size: unknown topic setting"));
    }

    @Test
    void aSecretIsNeverInTheError() {
        runner.withPropertyValues("realtime-hub.api-keys=short").run(context ->
                assertThat(refusal(context.getStartupFailure()))
                        .hasMessage("realtime-hub.api-keys: expected keys of at least 16 characters each"));
    }

    /** The starter's refusal among the causes of a failed start. */
    static RealtimeHubPropertiesException refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RealtimeHubPropertiesException refused) {
                return refused;
            }
        }
        throw new AssertionError("the start did not fail on a realtime-hub property", failure);
    }

    private static String hubError(Map<String, Object> values) {
        try {
            ConfigLoader.load(null, Map.of(), values);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError("the hub accepted " + values);
    }

    private static TopicConfig topic(HubConfig config, String name) {
        List<TopicConfig> topics = config.topics();
        return topics.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
