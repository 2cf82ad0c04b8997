package dev.realtimehub.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which channel or filter value each connection and each event gets, and what that makes owed. */
class AudienceTest {

    @Test
    void connectionIPlusTheOffsetPicksItsChannel() {
        Audience audience = new Audience(Audience.Mode.CHANNELS, "bench", 100, 250);

        Audience.Subscription first = audience.subscription(0);
        assertThat(first.topic()).isEqualTo("bench:c50"); // (0 + 250) mod 100
        assertThat(first.filterJson()).isNull();
        assertThat(first.slot()).isEqualTo(50);
        assertThat(first.slots()).isEqualTo(100);
        assertThat(audience.subscription(49).topic()).isEqualTo("bench:c99");
        assertThat(audience.subscription(55).topic()).isEqualTo("bench:c05"); // zero-padded to the width of 99
    }

    @Test
    void processesWithConsecutiveOffsetsCoverEveryChannelEvenly() {
        // 300 connections on 100 channels, split over processes of 120, 120 and 60 as run.sh does
        int[] perChannel = new int[100];
        int offset = 0;
        for (int share : new int[] {120, 120, 60}) {
            Audience audience = new Audience(Audience.Mode.CHANNELS, "bench", 100, offset);
            for (int i = 0; i < share; i++) {
                perChannel[audience.subscription(i).slot()]++;
            }
            offset += share;
        }
        for (int count : perChannel) {
            assertThat(count).isEqualTo(3);
        }
    }

    @Test
    void aFilteredConnectionSubscribesToTheTopicWithOneValue() {
        Audience audience = new Audience(Audience.Mode.FILTERS, "bench", 100, 0);

        Audience.Subscription subscription = audience.subscription(7);
        assertThat(subscription.topic()).isEqualTo("bench");
        assertThat(subscription.filterJson()).isEqualTo("{\"f\":[\"v07\"]}");
        assertThat(subscription.slot()).isEqualTo(7);
        assertThat(audience.subscription(107).filterJson()).isEqualTo("{\"f\":[\"v07\"]}");
    }

    @Test
    void aFlatTopicHasOneSlotForEveryone() {
        Audience audience = new Audience(Audience.Mode.FLAT, "bench", 1, 40);

        assertThat(audience.subscription(3)).isEqualTo(new Audience.Subscription("bench", null, 0, 1));
        assertThat(audience.publishTopic(17)).isEqualTo("bench");
        assertThat(audience.publishFilterValue(17)).isNull();
    }

    @Test
    void thePublisherGoesRoundTheChannelsOneEventEach() {
        Audience audience = new Audience(Audience.Mode.CHANNELS, "bench", 3, 0);
        PayloadFactory payload = new PayloadFactory(audience, "bench", 200);

        List<String> topics = new ArrayList<>();
        Set<Integer> lengths = new HashSet<>();
        for (long seq = 1; seq <= 7; seq++) {
            String event = payload.event(seq, 1_000_000L);
            topics.add(event.substring("{\"topic\":\"".length(), event.indexOf("\",\"type\"")));
            lengths.add(event.length());
            assertThat(event).contains("\"bench_seq\":" + seq + ",\"bench_ts\":1000000").doesNotContain("\"f\":");
        }
        assertThat(topics).containsExactly("bench:c0", "bench:c1", "bench:c2", "bench:c0", "bench:c1", "bench:c2",
                "bench:c0");
        assertThat(lengths).containsExactly(200);
    }

    @Test
    void thePublisherGoesRoundTheFilterValuesOnOneTopic() {
        Audience audience = new Audience(Audience.Mode.FILTERS, "bench", 12, 5);
        PayloadFactory payload = new PayloadFactory(audience, "bench", 200);

        assertThat(payload.event(1, 5)).startsWith("{\"topic\":\"bench\",\"type\":\"bench\",\"bench_seq\":1,")
                .contains("\"bench_sent\":5,\"f\":\"v00\",\"message\":\"xx").hasSize(200);
        assertThat(payload.event(12, 5)).contains(",\"f\":\"v11\",");
        assertThat(payload.event(13, 5)).contains(",\"f\":\"v00\",");
        // the event's value is the one its subscribers' filter lists (the offset moves connections, not events)
        for (long seq = 1; seq <= 24; seq++) {
            int slot = Audience.slotOfSeq(seq, 12);
            String value = "v" + String.format("%02d", slot);
            assertThat(payload.event(seq, 5)).contains("\"f\":\"" + value + "\"");
            assertThat(audience.subscription(Math.floorMod(slot - 5, 12)).filterJson()).contains(value);
        }
    }

    @Test
    void eachEventIsOwedToItsSlotsSubscribersOnly() {
        Audience audience = new Audience(Audience.Mode.CHANNELS, "bench", 4, 0);
        int[] subscribedBySlot = {3, 3, 2, 0}; // 8 connections, channel 3 without any

        // events 1..10: slots 0,1,2,3,0,1,2,3,0,1 → 3+3+2+0+3+3+2+0+3+3
        assertThat(audience.owedDeliveries(subscribedBySlot, null, 10)).isEqualTo(22);
        BitSet acked = new BitSet();
        acked.set(1, 11);
        acked.clear(2); // refused: owed to nobody
        assertThat(audience.owedDeliveries(subscribedBySlot, acked, 10)).isEqualTo(19);
    }

    @Test
    void onAFlatTopicEveryAcknowledgedEventIsOwedToEveryone() {
        Audience audience = new Audience(Audience.Mode.FLAT, "bench", 1, 0);
        BitSet acked = new BitSet();
        acked.set(1, 9);

        assertThat(audience.owedDeliveries(new int[] {50}, acked, 10)).isEqualTo(400);
        assertThat(audience.owedDeliveries(new int[] {50}, null, 10)).isEqualTo(500);
    }
}
