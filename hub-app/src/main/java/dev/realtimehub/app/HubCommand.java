package dev.realtimehub.app;

import dev.realtimehub.app.logging.HubLogAppender;
import dev.realtimehub.server.RealtimeHub;
import dev.realtimehub.server.config.ConfigException;
import dev.realtimehub.server.config.ConfigLoader;
import dev.realtimehub.redis.RedisSettings;
import dev.realtimehub.server.config.HubConfig;
import dev.realtimehub.server.config.OperationsConfig;
import dev.realtimehub.server.config.SecurityConfig;
import dev.realtimehub.transport.base.TransportSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code realtime-hub} command: starts a standalone hub and runs it until SIGTERM or Ctrl-C. */
@Command(name = "realtime-hub", mixinStandardHelpOptions = true, versionProvider = HubCommand.Version.class,
        description = "Realtime push hub for web admin consoles and dashboards.",
        footer = "%nEvery setting can also come from the config file or a HUB_* environment variable;"
                + " a flag beats a variable, which beats the file.")
public final class HubCommand implements Callable<Integer> {

    @Option(names = "--host", description = "Address to listen on (default 127.0.0.1).")
    String host;

    @Option(names = "--port", description = "Port to listen on (default 8000; 0 picks a free one).")
    Integer port;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file.")
    Path config;

    @Option(names = "--node-id", description = "This node's id (default: random).")
    String nodeId;

    @Option(names = "--redis", paramLabel = "URI",
            description = "Scale out over Redis (redis://host:6379): shared seqs, history and fan-out.")
    String redis;

    @Option(names = "--demo", description = "Publish demo events on every topic, so the console shows a living system.")
    boolean demo;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "TLS certificate chain: serve https and wss.")
    String tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "TLS private key (PKCS#8) for --tls-cert.")
    String tlsKey;

    @Option(names = "--log-format", paramLabel = "text|json",
            description = "Log lines for people (text, the default) or one JSON object per line (json).")
    String logFormat;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final CountDownLatch stop = new CountDownLatch(1);

    public HubCommand() {
        this(System.getenv());
    }

    HubCommand(Map<String, String> env) {
        this.env = env;
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        NettyDefaults.apply();
        System.exit(run(args));
    }

    /** Runs the command line; returns the exit code. */
    static int run(String... args) {
        return new CommandLine(new HubCommand()).execute(args);
    }

    @Override
    public Integer call() {
        HubConfig hubConfig;
        try {
            hubConfig = ConfigLoader.load(config, env, overrides(), FLAGS);
        } catch (ConfigException e) {
            error("realtime-hub: configuration error: " + e.getMessage());
            return 2;
        }
        LogFormats.apply(hubConfig.operations().logFormat());
        RealtimeHub hub;
        try {
            hub = RealtimeHub.builder().config(hubConfig).start();
        } catch (IllegalArgumentException e) {
            error("realtime-hub: configuration error: " + e.getMessage());
            return 2;
        } catch (IllegalStateException e) {
            error("realtime-hub: " + e.getMessage());
            return 1;
        }
        HubLogAppender logs = HubLogAppender.attach(hub.broadcasts(), hubConfig.console().hubLogLevel());
        DemoPublisher demoPublisher = demo ? DemoPublisher.start(hub) : null;
        ShutdownSignals.onTerminate(stop::countDown);
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (demoPublisher != null) {
            demoPublisher.close();
        }
        hub.close();
        if (logs != null) {
            logs.detach();
        }
        return 0;
    }

    /** The flag that sets each config key, so that a bad value is reported under the flag the user typed. */
    static final Map<String, String> FLAGS = Map.of(TransportSettings.HOST.key(), "--host",
            TransportSettings.PORT.key(), "--port", HubConfig.NODE_ID.key(), "--node-id",
            RedisSettings.URI.key(), "--redis", SecurityConfig.TLS_CERT_FILE.key(), "--tls-cert",
            SecurityConfig.TLS_KEY_FILE.key(), "--tls-key", OperationsConfig.LOG_FORMAT.key(), "--log-format");

    /** What the flags set, by the key of the setting each one feeds (null where the flag was not given). */
    private Map<String, Object> overrides() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put(TransportSettings.HOST.key(), host);
        overrides.put(TransportSettings.PORT.key(), port);
        overrides.put(HubConfig.NODE_ID.key(), nodeId);
        overrides.put(RedisSettings.URI.key(), redis);
        overrides.put(SecurityConfig.TLS_CERT_FILE.key(), tlsCert);
        overrides.put(SecurityConfig.TLS_KEY_FILE.key(), tlsKey);
        overrides.put(OperationsConfig.LOG_FORMAT.key(), logFormat);
        return overrides;
    }

    /** One line on the command's error stream ({@code System.err} unless a caller of picocli set another). */
    private void error(String line) {
        spec.commandLine().getErr().println(line);
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = HubCommand.class.getPackage().getImplementationVersion();
            return new String[] {"realtime-hub " + (version != null ? version : "development build")};
        }
    }
}
