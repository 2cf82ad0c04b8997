package dev.realtimehub.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.core.testing.DirectLane;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import dev.realtimehub.core.api.Frame;

class LaneSubscribersTest {

    /** A recipient that counts offers and, like a connection, refuses frames of a topic it left. */
    private static final class Member implements Recipient {
        boolean subscribed = true;
        int offers;

        @Override
        public boolean offer(int topicIndex, Frame frame) {
            if (subscribed) {
                offers++;
            }
            return false;
        }

        @Override
        public void flush() {
        }
    }

    private final DirectLane lane = new DirectLane();
    private final LaneSubscribers subscribers = new LaneSubscribers(new LaneOutbox(lane));
    private final Frame frame = Frame.control(new byte[] {'{', '}'});

    @Test
    void everyLiveMemberGetsEachFrameOnceThroughAddsRemovalsAndCompactions() {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Member member = new Member();
            members.add(member);
            assertThat(subscribers.add(member)).isTrue();
        }
        assertThat(subscribers.add(members.get(0))).as("no duplicate").isFalse();
        for (int i = 0; i < 900; i++) {
            members.get(i).subscribed = false;
            assertThat(subscribers.remove(members.get(i))).isTrue();
        }
        assertThat(subscribers.remove(members.get(0))).isFalse();
        members.get(5).subscribed = true;
        assertThat(subscribers.add(members.get(5))).as("a returning member").isTrue();
        assertThat(subscribers.live()).isEqualTo(101);

        subscribers.fanOut(0, frame);
        for (int i = 0; i < members.size(); i++) {
            int expected = i >= 900 || i == 5 ? 1 : 0;
            assertThat(members.get(i).offers).as("member %d", i).isEqualTo(expected);
        }
    }

    @Test
    void aViewAlreadyQueuedIsNotChangedByLaterSubscriptions() {
        lane.pause();
        Member first = new Member();
        subscribers.add(first);
        subscribers.fanOut(0, frame); // queued, not yet drained
        Member later = new Member();
        subscribers.add(later);
        for (int i = 0; i < 100; i++) {
            subscribers.add(new Member()); // grows the slot array
        }
        lane.resume();
        assertThat(first.offers).isEqualTo(1);
        assertThat(later.offers).as("subscribed after the frame was queued").isZero();
    }
}
