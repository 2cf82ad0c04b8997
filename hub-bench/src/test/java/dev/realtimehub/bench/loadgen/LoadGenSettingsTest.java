package dev.realtimehub.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LoadGenSettingsTest {

    @Test
    void theMeasuredWindowIsTheSeqsAfterTheWarmUp() {
        LoadGenSettings settings = LoadGenSettings.builder().rate(50).warmupSeconds(10).durationSeconds(30).build();

        assertThat(settings.totalEvents()).isEqualTo(2_000);
        assertThat(settings.firstMeasuredSeq()).isEqualTo(501);
        assertThat(settings.measuredEvents()).isEqualTo(1_500);
    }

    @Test
    void thePublishUrlDefaultsToTheWebSocketsHostAndPort() {
        LoadGenSettings settings = LoadGenSettings.builder()
                .webSocketUri(URI.create("ws://127.0.0.1:8100/api/ws/realtime")).build();

        assertThat(settings.publishUri()).isEqualTo(URI.create("http://127.0.0.1:8100/api/publish"));
    }

    @Test
    void aBadValueIsRefusedNamingItsOption() {
        assertThatThrownBy(() -> LoadGenSettings.builder().connections(LoadGenSettings.MAX_CONNECTIONS + 1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--connections:");
        assertThatThrownBy(() -> LoadGenSettings.builder().topic("Bench!").build())
                .hasMessageStartingWith("--topic:");
        assertThatThrownBy(() -> LoadGenSettings.builder().durationSeconds(0).build())
                .hasMessageStartingWith("--duration:");
    }

    @Test
    void channelsFiltersAndTheIndexOffsetAreParsedFromTheCommandLine() {
        LoadGenSettings channels = parse("--channels", "10000", "--index-offset", "19000");
        assertThat(channels.channels()).isEqualTo(10_000);
        assertThat(channels.filters()).isZero();
        assertThat(channels.indexOffset()).isEqualTo(19_000);

        LoadGenSettings filters = parse("--filters", "100");
        assertThat(filters.filters()).isEqualTo(100);
        assertThat(filters.channels()).isZero();
        assertThat(filters.indexOffset()).isZero();

        LoadGenSettings flat = parse();
        assertThat(flat.channels()).isZero();
        assertThat(flat.filters()).isZero();
    }

    @Test
    void aCountBelowOneOrBothCountsAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> parse("--channels", "0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--channels: expected 1..");
        assertThatThrownBy(() -> parse("--filters", "-3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--filters: expected 1..");
        assertThatThrownBy(() -> parse("--channels", "10", "--filters", "10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--channels and --filters: expected one of them but both were given");
        assertThatThrownBy(() -> parse("--channels", "10", "--index-offset", "-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--index-offset:");
        assertThatThrownBy(() -> parse("--channels", "1000001"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--channels: expected 1..1000000");
    }

    @Test
    void aCountThatIsNotANumberIsAParseError() {
        assertThatThrownBy(() -> parse("--channels", "many"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--channels");
    }

    private static LoadGenSettings parse(String... args) {
        LoadGenCommand command = new LoadGenCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }
}
