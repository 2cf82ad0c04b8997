package dev.realtimehub.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NettyDefaultsTest {

    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(NettyDefaults.LEAK_DETECTION);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(NettyDefaults.LEAK_DETECTION);
        } else {
            System.setProperty(NettyDefaults.LEAK_DETECTION, before);
        }
    }

    @Test
    void turnsTheLeakDetectorOffWhenTheCommandLineSaysNothing() {
        System.clearProperty(NettyDefaults.LEAK_DETECTION);
        NettyDefaults.apply();
        assertThat(System.getProperty(NettyDefaults.LEAK_DETECTION)).isEqualTo("disabled");
    }

    @Test
    void keepsWhatTheCommandLineSet() {
        System.setProperty(NettyDefaults.LEAK_DETECTION, "paranoid");
        NettyDefaults.apply();
        assertThat(System.getProperty(NettyDefaults.LEAK_DETECTION)).isEqualTo("paranoid");
    }
}
