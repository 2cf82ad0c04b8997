package dev.realtimehub.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtimehub.core.testing.DirectLane;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import dev.realtimehub.core.api.Frame;

class LaneSubscribersTest {

    /** A recipient that counts offers and, like a connection, refuses frames of a topic it left. */
    private static final class Member implements Recipient {
        boolean subscribed = true;
        int offers;
        int calls;

        @Override
        public boolean offer(int topicIndex, Frame frame) {
            calls++;
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

    @Test
    void aViewQueuedBeforeAnUnsubscribeSkipsTheMemberThatLeft() {
        lane.pause();
        Member staying = new Member();
        Member leaving = new Member();
        subscribers.add(staying);
        subscribers.add(leaving);
        subscribers.fanOut(0, frame); // queued with both in the view
        leaving.subscribed = false;
        subscribers.remove(leaving);
        lane.resume();
        assertThat(staying.offers).isEqualTo(1);
        assertThat(leaving.calls).as("its slot was cleared, not just marked").isZero();
    }

    @Test
    void aMemberThatLeftIsNotKeptReachableByTheSlots() {
        // 40 members, 15 leave: too few for a compaction, which alone used to drop a dead slot's reference
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            members.add(new Member());
            subscribers.add(members.get(i));
        }
        List<WeakReference<Member>> left = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            Member member = members.set(i, null);
            subscribers.remove(member);
            left.add(new WeakReference<>(member));
        }
        subscribers.fanOut(0, frame);
        await().until(() -> {
            System.gc();
            return left.stream().allMatch(ref -> ref.get() == null);
        });
        assertThat(subscribers.live()).isEqualTo(25);
        assertThat(members.subList(15, 40)).allMatch(member -> member.offers == 1);
    }
}
