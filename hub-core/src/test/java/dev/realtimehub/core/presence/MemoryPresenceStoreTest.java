package dev.realtimehub.core.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtimehub.core.presence.tracking.MemoryPresenceStore;
import org.junit.jupiter.api.Test;

class MemoryPresenceStoreTest {

    private final MemoryPresenceStore store = new MemoryPresenceStore();

    @Test
    void countsConnectionsAndDistinctUsers() {
        store.add("room", "c1", "alice", false);
        store.add("room", "c2", "alice", false);
        store.add("room", "c3", null, false);
        store.add("other", "c4", "bob", false);
        PresenceSnapshot snapshot = store.snapshot("room").join();
        assertThat(snapshot.connections()).isEqualTo(3);
        assertThat(snapshot.users()).containsExactly("alice");
    }

    @Test
    void removingWhatIsGoneChangesNothing() {
        store.remove("room", "c1", "alice", false);
        store.add("room", "c1", "alice", false);
        store.remove("room", "c1", "alice", false);
        store.remove("room", "c1", "alice", false);
        assertThat(store.snapshot("room").join().connections()).isZero();
        store.add("room", "c1", "alice", false);
        store.add("room", "c1", "alice", false);
        assertThat(store.snapshot("room").join().connections()).isEqualTo(1);
    }

    @Test
    void usersAreSorted() {
        store.add("room", "c1", "zoe", false);
        store.add("room", "c2", "adam", false);
        assertThat(store.snapshot("room").join().users()).containsExactly("adam", "zoe");
    }
}
