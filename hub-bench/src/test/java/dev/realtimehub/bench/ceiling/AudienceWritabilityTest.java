package dev.realtimehub.bench.ceiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ceiling's publisher backpressure: publishes wait while any subscriber is unwritable. */
class AudienceWritabilityTest {

    private final EventLoop loop = new DefaultEventLoop();
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aPublishRunsAtOnceWhileEverySubscriberIsWritable() throws Exception {
        AudienceWritability audience = new AudienceWritability(60_000);

        loop.submit(() -> audience.whenWritable(loop, () -> ran.add("a"))).sync();

        assertThat(ran).containsExactly("a"); // ran inside the call, on its own loop
        assertThat(audience.held()).isZero();
    }

    @Test
    void publishesWaitForTheLastUnwritableSubscriberThenRunInOrder() throws Exception {
        AudienceWritability audience = new AudienceWritability(60_000);
        audience.becameUnwritable();
        audience.becameUnwritable();

        audience.whenWritable(loop, () -> ran.add("a"));
        audience.whenWritable(loop, () -> ran.add("b"));
        audience.becameWritable(); // one of two: still held
        loop.submit(() -> { }).sync(); // anything released would have run on the loop by now

        assertThat(ran).isEmpty();
        assertThat(audience.held()).isEqualTo(2);

        audience.becameWritable();

        await().atMost(10, TimeUnit.SECONDS).until(() -> ran.size() == 2);
        assertThat(ran).containsExactly("a", "b");
        assertThat(audience.heldTooLong()).isZero();
        assertThat(audience.unwritable()).isZero();
    }

    @Test
    void aPublishArrivingBehindHeldOnesWaitsItsTurn() throws Exception {
        AudienceWritability audience = new AudienceWritability(60_000);
        audience.becameUnwritable();
        audience.whenWritable(loop, () -> ran.add("a"));
        audience.becameWritable();
        audience.whenWritable(loop, () -> ran.add("b"));

        await().atMost(10, TimeUnit.SECONDS).until(() -> ran.size() == 2);
        assertThat(ran).containsExactly("a", "b");
    }

    @Test
    void withAToleranceOnlyMoreUnwritableSubscribersThanItHoldPublishes() throws Exception {
        AudienceWritability audience = new AudienceWritability(60_000, HoldThreshold.parse("1"));
        audience.becameUnwritable();
        loop.submit(() -> audience.whenWritable(loop, () -> ran.add("a"))).sync(); // one unwritable: tolerated
        audience.becameUnwritable();
        audience.whenWritable(loop, () -> ran.add("b")); // two: held
        loop.submit(() -> { }).sync();

        assertThat(ran).containsExactly("a");

        audience.becameWritable(); // back to one
        await().atMost(10, TimeUnit.SECONDS).until(() -> ran.size() == 2);
        assertThat(ran).containsExactly("a", "b");
    }

    @Test
    void aShareOfTheAudienceHoldsOnlyWhileMoreThanThatShareIsUnwritable() throws Exception {
        AudienceWritability audience = new AudienceWritability(60_000, HoldThreshold.parse("50%"));
        for (int i = 0; i < 4; i++) {
            audience.joined();
        }
        audience.becameUnwritable();
        audience.becameUnwritable();
        loop.submit(() -> audience.whenWritable(loop, () -> ran.add("a"))).sync(); // two of four: the typical one writes
        audience.becameUnwritable();
        audience.whenWritable(loop, () -> ran.add("b")); // three of four: held
        loop.submit(() -> { }).sync();

        assertThat(ran).containsExactly("a");

        audience.joined(); // five connected: two of them may be unwritable, three still are
        audience.joined(); // six: three may be
        await().atMost(10, TimeUnit.SECONDS).until(() -> ran.size() == 2);
        assertThat(ran).containsExactly("a", "b");
    }

    @Test
    void theThresholdIsACountOrAShareAndAnythingElseIsRefusedNamingTheOption() {
        assertThat(HoldThreshold.parse("0").limit(10_000)).isZero();
        assertThat(HoldThreshold.parse("25").limit(10_000)).isEqualTo(25);
        assertThat(HoldThreshold.parse("50%").limit(10_000)).isEqualTo(5_000);
        assertThat(HoldThreshold.parse("50%").limit(3)).isEqualTo(1);
        for (String bad : new String[] {"-1", "half", "101%", "-5%", ""}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> HoldThreshold.parse(bad))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--hold-above: ");
        }
    }

    @Test
    void aSubscriberThatNeverDrainsHoldsAPublishOnlyUntilTheLongestHold() {
        AudienceWritability audience = new AudienceWritability(50);
        audience.becameUnwritable();

        audience.whenWritable(loop, () -> ran.add("a"));

        await().atMost(10, TimeUnit.SECONDS).until(() -> ran.size() == 1);
        assertThat(audience.heldTooLong()).isEqualTo(1);
        audience.becameWritable(); // the release finds it already run: it runs once
        assertThat(ran).containsExactly("a");
    }
}
