package dev.realtimehub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command's configuration errors, in process: they stop it before anything starts. */
class HubCommandTest {

    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        CommandLine command = new CommandLine(new HubCommand(env));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void aBadFlagValueNamesTheFlag() {
        assertThat(run(Map.of(), "--port", "70000")).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("realtime-hub: configuration error: flag --port: expected 0..65535 but was 70000");
    }

    @Test
    void aBadVariableNamesTheVariable() {
        assertThat(run(Map.of("HUB_LOG_FORMAT", "xml"))).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo(
                "realtime-hub: configuration error: environment variable HUB_LOG_FORMAT: expected text or json but was 'xml'");
    }

    @Test
    void everyFlagNamedInErrorsIsAnOptionOfTheCommand() {
        CommandLine command = new CommandLine(new HubCommand(Map.of()));
        assertThat(HubCommand.FLAGS).isNotEmpty().allSatisfy((key, flag) ->
                assertThat(command.getCommandSpec().findOption(flag)).as(flag).isNotNull());
    }
}
