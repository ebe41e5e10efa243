package io.noderr.worker.beacon;

import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import io.noderr.registry.release.BeaconEventRow;
import io.noderr.registry.release.BeaconEvents;
import io.noderr.registry.release.LocalBeaconStore;
import io.noderr.signing.DemoSigners;
import io.noderr.signing.MultisigDomain;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link EmergencyScenarios} against the local beacon in a real PostgreSQL, with the demo profile's
 * configuration (demo signers 1-3, 2 of 3, signer 1 the guardian, 24 h) and a clock the test moves.
 * The database is emptied before each test, so each starts from the configured multisig.
 */
class LocalBeaconEmergencyIT extends EmergencyScenarios {

  private static final BeaconProperties.Local DEMO =
      new BeaconProperties.Local(
          1337,
          DemoSigners.addresses(),
          DemoSigners.THRESHOLD,
          List.of(DemoSigners.addresses().get(DemoSigners.GUARDIAN - 1)),
          MANDATE);

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private final MovableClock clock = new MovableClock();
  private LocalBeacon beacon;

  @BeforeEach
  void localBeacon() {
    beacon = new LocalBeacon(DEMO, db.bean(LocalBeaconStore.class), clock);
  }

  @Override
  Beacon beacon() {
    return beacon;
  }

  @Override
  MultisigDomain domain() {
    return new MultisigDomain(1337, LocalBeacon.ADDRESS);
  }

  @Override
  long now() {
    return clock.instant().getEpochSecond();
  }

  @Override
  void advance(Duration duration) {
    clock.now = clock.now.plus(duration);
  }

  @Override
  List<BeaconEventRow> pauseEvents(Tier tier, int count) {
    return db.bean(BeaconEvents.class).recent(100).stream()
        .filter(e -> e.tier() == tier)
        .sorted(
            Comparator.comparingLong(BeaconEventRow::blockNumber)
                .thenComparingInt(BeaconEventRow::logIndex))
        .toList();
  }

  /** The wall clock's time at the test's start, moved only by {@link #advance}. */
  private static final class MovableClock extends Clock {
    private Instant now = Instant.now();

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
