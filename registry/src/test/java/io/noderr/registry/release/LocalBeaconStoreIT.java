package io.noderr.registry.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import io.noderr.registry.release.LocalBeaconStore.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LocalBeaconStoreIT {

  private static final long CHAIN = 1337;
  private static final String LOCAL = "0xa4a882ec6c5c660cffcf7696af2fba464207b51f";
  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private final LocalBeaconStore store = db.bean(LocalBeaconStore.class);
  private final BeaconEvents events = db.bean(BeaconEvents.class);

  private static LocalPublication release(Tier tier, String version) {
    return new LocalPublication(tier, version, DIGEST, "1.0.0", "ipfs://notes");
  }

  @Test
  void tiers_startEmpty_unpaused_atNonceZero() {
    for (Tier tier : Tier.values()) {
      LocalTier row = store.tier(tier);
      assertThat(row.tier()).isEqualTo(tier);
      assertThat(row.version()).isNull();
      assertThat(row.publishedAt()).isNull();
      assertThat(row.paused()).isFalse();
    }
    assertThat(store.nonce()).isZero();
  }

  @Test
  void publish_updatesTheTier_spendsTheNonce_andRecordsTheEvent() {
    Instant before = Instant.now().minusSeconds(1);

    Outcome outcome = store.publish(0, release(Tier.ORACLE, "1.4.0"), CHAIN, LOCAL);

    BeaconEventRow event = ((Outcome.Published) outcome).event();
    assertThat(event.transactionHash()).isEqualTo("local-0");
    assertThat(event.blockNumber()).isEqualTo(1);
    assertThat(event.backend()).isEqualTo(BeaconEventRow.Backend.LOCAL);
    LocalTier oracle = store.tier(Tier.ORACLE);
    assertThat(oracle.version()).isEqualTo("1.4.0");
    assertThat(oracle.imageDigest()).isEqualTo(DIGEST);
    assertThat(oracle.minimumVersion()).isEqualTo("1.0.0");
    assertThat(oracle.notesUri()).isEqualTo("ipfs://notes");
    assertThat(oracle.publishedAt()).isAfter(before).isEqualTo(event.publishedAt());
    assertThat(store.tier(Tier.GUARDIAN).version()).isNull();
    assertThat(store.nonce()).isEqualTo(1);
    assertThat(events.findPublication(CHAIN, LOCAL, Tier.ORACLE, "local-0"))
        .hasValueSatisfying(e -> assertThat(e.version()).isEqualTo("1.4.0"));
    assertThat(events.currentRelease(CHAIN, LOCAL, Tier.ORACLE)).isPresent();

    Outcome next = store.publish(1, release(Tier.ORACLE, "1.5.0"), CHAIN, LOCAL);
    assertThat(((Outcome.Published) next).event().transactionHash()).isEqualTo("local-1");
    assertThat(store.tier(Tier.ORACLE).version()).isEqualTo("1.5.0");
  }

  @Test
  void publish_withASpentNonce_changesNothing() {
    store.publish(0, release(Tier.ORACLE, "1.4.0"), CHAIN, LOCAL);

    Outcome replay = store.publish(0, release(Tier.ORACLE, "6.6.6"), CHAIN, LOCAL);

    assertThat(replay).isEqualTo(new Outcome.NonceMoved(1));
    assertThat(store.tier(Tier.ORACLE).version()).isEqualTo("1.4.0");
    assertThat(store.nonce()).isEqualTo(1);
    assertThat(events.recent(10)).hasSize(1);
  }

  @Test
  void publish_toAPausedTier_changesNothing() {
    db.jdbc().update("UPDATE local_beacon SET paused = true WHERE tier = 'ORACLE'");

    Outcome outcome = store.publish(0, release(Tier.ORACLE, "1.4.0"), CHAIN, LOCAL);

    assertThat(outcome).isEqualTo(new Outcome.TierPaused());
    assertThat(store.tier(Tier.ORACLE).version()).isNull();
    assertThat(store.nonce()).isZero();
    assertThat(events.recent(10)).isEmpty();
  }

  @Test
  void concurrentPublications_withTheSameNonce_publishOnce() throws Exception {
    int contenders = 4;
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Outcome>> tasks =
        java.util.stream.IntStream.range(0, contenders)
            .<Callable<Outcome>>mapToObj(
                i ->
                    () -> {
                      start.await();
                      return store.publish(0, release(Tier.ORACLE, "1." + i + ".0"), CHAIN, LOCAL);
                    })
            .toList();
    List<Outcome> outcomes;
    try (ExecutorService pool = Executors.newFixedThreadPool(contenders)) {
      List<Future<Outcome>> futures = tasks.stream().map(pool::submit).toList();
      start.countDown();
      outcomes = futures.stream().map(LocalBeaconStoreIT::get).toList();
    }

    assertThat(outcomes).filteredOn(o -> o instanceof Outcome.Published).hasSize(1);
    assertThat(outcomes)
        .filteredOn(o -> o instanceof Outcome.NonceMoved)
        .hasSize(contenders - 1)
        .allSatisfy(o -> assertThat(o).isEqualTo(new Outcome.NonceMoved(1)));
    assertThat(store.nonce()).isEqualTo(1);
    assertThat(events.recent(10)).hasSize(1);
  }

  private static Outcome get(Future<Outcome> future) {
    try {
      return future.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
