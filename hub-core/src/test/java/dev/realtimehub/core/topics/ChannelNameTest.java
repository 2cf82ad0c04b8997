package dev.realtimehub.core.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"tasks:42", "inbox:alice", "inbox:Alice.Smith-2_x", "a:b"})
    void namespaceColonKeyIsAChannel(String name) {
        assertThat(ChannelName.isValid(name)).isTrue();
        ChannelName channel = ChannelName.parse(name);
        assertThat(channel.full()).isEqualTo(name);
        assertThat(channel.namespace() + ":" + channel.key()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasks", "tasks:", ":42", "Tasks:42", "tasks:4 2", "tasks:42:1", "tasks:ä", "1x:2"})
    void otherShapesAreNot(String name) {
        assertThat(ChannelName.isValid(name)).isFalse();
    }

    @Test
    void keysAreAtMostSixtyFourCharacters() {
        assertThat(ChannelName.isValid("inbox:" + "k".repeat(64))).isTrue();
        assertThat(ChannelName.isValid("inbox:" + "k".repeat(65))).isFalse();
    }

    @Test
    void parseNamesThePartThatBreaksTheRule() {
        assertThatThrownBy(() -> ChannelName.parse("tasks:4 2"))
                .hasMessage("channel key must match [A-Za-z0-9_.-]{1,64}");
        assertThatThrownBy(() -> ChannelName.parse("Tasks:42"))
                .hasMessage("channel namespace must match [a-z][a-z0-9_]* (at most 64 characters)");
    }

    @Test
    void theCatalogRefusesChannelsOfUnknownOrPlainTopics() {
        TopicCatalog catalog = TopicCatalog.withDefaults(List.of(TopicConfig.builder("inbox").channels(true).build()));
        assertThat(catalog.refusal("inbox:alice")).isNull();
        assertThat(catalog.refusal("logs")).isNull();
        assertThat(catalog.refusal("nope")).isEqualTo("Unknown topic: nope");
        assertThat(catalog.refusal("nope:1")).isEqualTo("Unknown namespace: nope");
        assertThat(catalog.refusal("logs:1"))
                .isEqualTo("Topic logs has no channels (it is not declared with channels: true)");
        assertThat(catalog.refusal("inbox:a b"))
                .isEqualTo("Invalid channel 'inbox:a b': channel key must match [A-Za-z0-9_.-]{1,64}");
        assertThat(catalog.namespaceOf("inbox:alice")).isEqualTo(catalog.indexOf("inbox"));
        assertThat(catalog.namespaceOf("logs:1")).isEqualTo(-1);
    }

    @Test
    void userKeyNeedsChannels() {
        assertThatThrownBy(() -> TopicConfig.builder("inbox").userKey(true).build())
                .hasMessage("topics.inbox.user-key: needs channels: true");
        assertThatThrownBy(() -> TopicConfig.builder("inbox").channels(true).channelIdleMs(5).build())
                .hasMessage("topics.inbox.channel-idle-ms: expected 1000..86400000 but was 5");
    }
}
