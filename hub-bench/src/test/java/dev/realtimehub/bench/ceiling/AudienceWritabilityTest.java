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
        AudienceWritability audience = new AudienceWritability(60_000, 1);
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
