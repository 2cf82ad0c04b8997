package dev.realtimehub.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void shortValuesAreKeptWhole() {
        assertThat(Texts.clip("rules", 5)).isEqualTo("rules");
        assertThat(Texts.clip("", 5)).isEmpty();
    }

    @Test
    void longValuesAreCutWithAnEllipsis() {
        assertThat(Texts.clip("abcdef", 5)).isEqualTo("abcde…");
    }

    @Test
    void theCutNeverSplitsASurrogatePair() {
        assertThat(Texts.clip("abcd😀x", 5)).isEqualTo("abcd…");
        assertThat(Texts.clip("abc😀x", 5)).isEqualTo("abc😀…");
    }
}
