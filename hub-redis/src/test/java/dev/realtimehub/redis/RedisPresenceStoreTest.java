package dev.realtimehub.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtimehub.core.presence.PresenceChange;
import dev.realtimehub.core.presence.PresenceSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Redis presence store against the machine's Redis: shared entries, relayed changes, expiry of a dead node. */
class RedisPresenceStoreTest {

    private static final long TTL_MS = 1_500;
    private static final long BEAT_MS = 300;

    private final RedisSettings settings = RedisSettings.of(TestRedis.shared().uri())
            .withKeyPrefix(TestRedis.uniquePrefix());
    private final List<RedisPresenceStore> stores = new CopyOnWriteArrayList<>();

    private RedisPresenceStore start(String node, List<PresenceChange> changes) {
        RedisPresenceStore store = new RedisPresenceStore(settings, TTL_MS, BEAT_MS);
        store.start(node, changes::add);
        stores.add(store);
        return store;
    }

    @AfterEach
    void closeStores() {
        stores.forEach(RedisPresenceStore::close);
    }

    private static PresenceSnapshot snapshot(RedisPresenceStore store) {
        return store.snapshot("room").join();
    }

    @Test
    void everyNodeSeesEveryEntryAndEachUserOnce() {
        RedisPresenceStore a = start("a", new CopyOnWriteArrayList<>());
        RedisPresenceStore b = start("b", new CopyOnWriteArrayList<>());
        a.add("room", "c1", "alice", false);
        a.add("room", "c2", null, false);
        b.add("room", "c3", "alice", false);
        b.add("room", "c4", "bob", false);
        b.add("other", "c5", "zed", false);
        await().atMost(Duration.ofSeconds(5)).until(() -> snapshot(a).connections() == 4);
        assertThat(snapshot(b).connections()).isEqualTo(4);
        assertThat(snapshot(b).users()).containsExactly("alice", "bob");
    }

    @Test
    void removingTwiceOrWhatWasNeverThereNeverGoesNegative() {
        RedisPresenceStore a = start("a", new CopyOnWriteArrayList<>());
        a.remove("room", "ghost", "x", false);
        a.add("room", "c1", "alice", false);
        a.add("room", "c1", "alice", false);
        await().atMost(Duration.ofSeconds(5)).until(() -> snapshot(a).connections() == 1);
        a.remove("room", "c1", "alice", false);
        a.remove("room", "c1", "alice", false);
        await().atMost(Duration.ofSeconds(5)).until(() -> snapshot(a).connections() == 0);
        assertThat(snapshot(a).users()).isEmpty();
    }

    @Test
    void announcedChangesReachTheOtherNodesOnly() {
        List<PresenceChange> onA = new CopyOnWriteArrayList<>();
        List<PresenceChange> onB = new CopyOnWriteArrayList<>();
        RedisPresenceStore a = start("a", onA);
        start("b", onB);
        a.add("room", "c1", "alice", true);
        a.add("room", "c2", null, true);
        a.remove("room", "c1", "alice", true);
        a.add("room", "c3", "quiet", false);
        await().atMost(Duration.ofSeconds(5)).until(() -> onB.size() == 3);
        assertThat(onB).containsExactly(new PresenceChange("room", PresenceChange.Kind.JOIN, "alice"),
                new PresenceChange("room", PresenceChange.Kind.JOIN, null),
                new PresenceChange("room", PresenceChange.Kind.LEAVE, "alice"));
        assertThat(onA).isEmpty();
    }

    @Test
    void aLiveNodeKeepsItsEntriesPastTheTtl() {
        RedisPresenceStore a = start("a", new CopyOnWriteArrayList<>());
        a.add("room", "c1", "alice", false);
        long until = System.nanoTime() + Duration.ofMillis(3 * TTL_MS).toNanos();
        // polled for three TTLs: the heartbeat must keep the entry every time it is read
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(snapshot(a).connections()).isEqualTo(1);
            return System.nanoTime() > until;
        });
    }

    @Test
    void aDeadNodesEntriesExpireWithinTheTtl() {
        RedisPresenceStore a = start("a", new CopyOnWriteArrayList<>());
        RedisPresenceStore dying = new RedisPresenceStore(settings, TTL_MS, BEAT_MS);
        dying.start("dying", change -> { });
        dying.add("room", "c1", "alice", false);
        dying.add("room", "c2", "bob", false);
        a.add("room", "c3", "carol", false);
        await().atMost(Duration.ofSeconds(5)).until(() -> snapshot(a).connections() == 3);

        dying.halt(); // no clean-up: its heartbeat stops, its entries stay until the TTL removes them
        await().atMost(Duration.ofMillis(TTL_MS + 5_000)).until(() -> snapshot(a).connections() == 1);
        assertThat(snapshot(a).users()).containsExactly("carol");
    }

    @Test
    void entriesLostFromRedisAreWrittenAgainByTheHeartbeat() {
        RedisPresenceStore a = start("a", new CopyOnWriteArrayList<>());
        a.add("room", "c1", "alice", false);
        await().atMost(Duration.ofSeconds(5)).until(() -> snapshot(a).connections() == 1);
        try (var client = io.lettuce.core.RedisClient.create(settings.uri());
             var connection = client.connect()) {
            connection.sync().del(settings.keyPrefix() + "presence:{room}:node:a",
                    settings.keyPrefix() + "presence:{room}:nodes");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> snapshot(a).connections() == 1);
        assertThat(snapshot(a).users()).containsExactly("alice");
    }
}
