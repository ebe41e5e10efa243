package io.noderr.worker.beacon;

import io.noderr.activities.release.BeaconTier;
import io.noderr.registry.Tier;

/** The activities' and the registry's names of the same three tiers. */
public final class Tiers {

  private Tiers() {}

  public static Tier of(BeaconTier tier) {
    return Tier.valueOf(tier.name());
  }

  public static BeaconTier of(Tier tier) {
    return BeaconTier.valueOf(tier.name());
  }
}
