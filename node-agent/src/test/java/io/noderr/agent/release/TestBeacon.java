package io.noderr.agent.release;

import io.noderr.activities.release.BeaconTier;
import java.util.Optional;
import java.util.function.Function;

/** A beacon for tests, named PLATFORM, answering what {@code reader} says for a tier. */
public record TestBeacon(Function<BeaconTier, Optional<BeaconRelease>> reader)
    implements BeaconSource {

  @Override
  public String name() {
    return "PLATFORM";
  }

  @Override
  public Optional<BeaconRelease> current(BeaconTier tier) {
    return reader.apply(tier);
  }
}
