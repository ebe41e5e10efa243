package io.noderr.registry.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import io.noderr.registry.release.BeaconEventRow.Backend;
import io.noderr.registry.release.BeaconEventRow.Kind;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BeaconEventsIT {

  private static final long CHAIN = 1337;
  private static final String BEACON = "0xcc5f0a600fd9dc5dd8964581607e5cc0d22c5a78";
  private static final String OTHER_BEACON = "0x00000000000000000000000000000000000000bb";
  private static final Instant BLOCK_TIME = Instant.parse("2026-01-02T03:04:05Z");

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private final BeaconEvents events = db.bean(BeaconEvents.class);

  private static BeaconEventRow published(
      String beacon, Tier tier, String version, String tx, long block, int logIndex) {
    return new BeaconEventRow(
        0,
        Backend.CHAIN,
        CHAIN,
        beacon,
        Kind.VERSION_PUBLISHED,
        tier,
        version,
        "sha256:" + "ab".repeat(32),
        "1.0.0",
        "ipfs://notes",
        BLOCK_TIME,
        tx,
        block,
        logIndex,
        null);
  }

  private static BeaconEventRow paused(Tier tier, String tx, long block) {
    return new BeaconEventRow(
        0,
        Backend.CHAIN,
        CHAIN,
        BEACON,
        Kind.TIER_PAUSED,
        tier,
        null,
        null,
        null,
        null,
        null,
        tx,
        block,
        0,
        null);
  }

  private long count() {
    return db.jdbc().queryForObject("SELECT count(*) FROM beacon_events", Long.class);
  }

  @Test
  void insert_recordsTheEventOnce() {
    BeaconEventRow event = published(BEACON, Tier.ORACLE, "1.4.0", "0xt1", 5, 0);

    assertThat(events.insert(event)).isTrue();
    assertThat(events.insert(event)).isFalse();

    assertThat(count()).isEqualTo(1);
    BeaconEventRow stored = events.recent(10).getFirst();
    assertThat(stored.id()).isPositive();
    assertThat(stored.backend()).isEqualTo(Backend.CHAIN);
    assertThat(stored.chainId()).isEqualTo(CHAIN);
    assertThat(stored.beaconAddress()).isEqualTo(BEACON);
    assertThat(stored.kind()).isEqualTo(Kind.VERSION_PUBLISHED);
    assertThat(stored.tier()).isEqualTo(Tier.ORACLE);
    assertThat(stored.version()).isEqualTo("1.4.0");
    assertThat(stored.imageDigest()).isEqualTo("sha256:" + "ab".repeat(32));
    assertThat(stored.minimumVersion()).isEqualTo("1.0.0");
    assertThat(stored.notesUri()).isEqualTo("ipfs://notes");
    assertThat(stored.publishedAt()).isEqualTo(BLOCK_TIME);
    assertThat(stored.transactionHash()).isEqualTo("0xt1");
    assertThat(stored.blockNumber()).isEqualTo(5);
    assertThat(stored.logIndex()).isZero();
    assertThat(stored.observedAt()).isNotNull();
  }

  @Test
  void currentRelease_isTheBeaconsLatestPublicationInTheTier() {
    events.insert(published(BEACON, Tier.ORACLE, "1.4.0", "0xt1", 5, 0));
    events.insert(published(BEACON, Tier.ORACLE, "1.5.0", "0xt2", 9, 1));
    events.insert(published(BEACON, Tier.ORACLE, "1.4.9", "0xt2", 9, 0));
    events.insert(published(BEACON, Tier.GUARDIAN, "2.0.0", "0xt3", 12, 0));
    events.insert(published(OTHER_BEACON, Tier.ORACLE, "7.0.0", "0xt4", 20, 0));
    events.insert(paused(Tier.ORACLE, "0xt5", 30));

    assertThat(events.currentRelease(CHAIN, BEACON, Tier.ORACLE))
        .hasValueSatisfying(e -> assertThat(e.version()).isEqualTo("1.5.0"));
    assertThat(events.currentRelease(CHAIN, BEACON, Tier.GUARDIAN))
        .hasValueSatisfying(e -> assertThat(e.version()).isEqualTo("2.0.0"));
    assertThat(events.currentRelease(CHAIN, BEACON, Tier.ALL)).isEmpty();
    assertThat(events.currentRelease(1, BEACON, Tier.ORACLE)).isEmpty();
  }

  @Test
  void findPublication_matchesTheTransactionAndTier() {
    events.insert(published(BEACON, Tier.ORACLE, "1.4.0", "0xt1", 5, 0));
    events.insert(paused(Tier.ORACLE, "0xt2", 6));

    assertThat(events.findPublication(CHAIN, BEACON, Tier.ORACLE, "0xt1"))
        .hasValueSatisfying(e -> assertThat(e.blockNumber()).isEqualTo(5));
    assertThat(events.findPublication(CHAIN, BEACON, Tier.GUARDIAN, "0xt1")).isEmpty();
    assertThat(events.findPublication(CHAIN, BEACON, Tier.ORACLE, "0xt2")).isEmpty();
    assertThat(events.findPublication(CHAIN, OTHER_BEACON, Tier.ORACLE, "0xt1")).isEmpty();
  }

  @Test
  void latestPublished_isTheTiersLatestRecordedPublication_onAnyBeacon() {
    events.recordRange(
        CHAIN,
        BEACON,
        List.of(
            published(BEACON, Tier.ORACLE, "1.4.0", "0xt1", 5, 0),
            published(BEACON, Tier.ORACLE, "1.5.0", "0xt2", 6, 0)),
        10);
    assertThat(events.latestPublished(Tier.ORACLE))
        .hasValueSatisfying(e -> assertThat(e.version()).isEqualTo("1.5.0"));

    // Recorded later on another beacon, at a lower block number: still the latest.
    events.insert(published(OTHER_BEACON, Tier.ORACLE, "1.6.0", "0xt3", 2, 0));
    events.insert(paused(Tier.ORACLE, "0xt4", 50));

    assertThat(events.latestPublished(Tier.ORACLE))
        .hasValueSatisfying(e -> assertThat(e.version()).isEqualTo("1.6.0"));
    assertThat(events.latestPublished(Tier.GUARDIAN)).isEmpty();
  }

  @Test
  void recent_isNewestFirst_upToTheLimit() {
    events.recordRange(
        CHAIN,
        BEACON,
        List.of(
            published(BEACON, Tier.ORACLE, "1.4.0", "0xt1", 5, 0), paused(Tier.ORACLE, "0xt2", 6)),
        10);
    events.insert(published(BEACON, Tier.ALL, "1.0.0", "0xt3", 11, 0));

    assertThat(events.recent(2))
        .extracting(BeaconEventRow::transactionHash)
        .containsExactly("0xt3", "0xt2");
  }

  @Test
  void cursor_isEmptyAtFirst_thenOnlyMovesForward() {
    assertThat(events.cursor(CHAIN, BEACON)).isEmpty();

    events.advanceCursor(CHAIN, BEACON, 100);
    events.advanceCursor(CHAIN, BEACON, 40);

    assertThat(events.cursor(CHAIN, BEACON)).isEqualTo(OptionalLong.of(100));
    assertThat(events.cursor(CHAIN, OTHER_BEACON)).isEmpty();
    events.advanceCursor(CHAIN, BEACON, 101);
    assertThat(events.cursor(CHAIN, BEACON)).isEqualTo(OptionalLong.of(101));
  }

  @Test
  void recordRange_storesTheEventsAndTheCursor_andAReadRangeAgainChangesNothing() {
    List<BeaconEventRow> range =
        List.of(
            published(BEACON, Tier.ORACLE, "1.4.0", "0xt1", 5, 0), paused(Tier.ORACLE, "0xt2", 7));

    events.recordRange(CHAIN, BEACON, range, 10);
    events.recordRange(CHAIN, BEACON, range, 10);

    assertThat(count()).isEqualTo(2);
    assertThat(events.cursor(CHAIN, BEACON)).isEqualTo(OptionalLong.of(10));
  }
}
