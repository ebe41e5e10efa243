package io.noderr.workflows.rewards;

import io.noderr.activities.release.BeaconTier;
import java.math.BigInteger;
import java.util.Map;

/**
 * The governed knobs of the reward formula (NoderrParameters {@code rewards.*}).
 *
 * @param performanceShareBp how much of the pool follows performance; the rest follows stake
 * @param minimumUptimeBp a node below this uptime in the epoch earns nothing for it
 * @param stakeCap stake above this counts no more (token units), so the largest holders cannot take
 *     the stake half alone
 * @param tierMultiplierBp a node's score is multiplied by its tier's multiplier (10,000 = 1x): the
 *     higher tiers stake more and carry more risk
 */
public record RewardParameters(
    int performanceShareBp,
    int minimumUptimeBp,
    BigInteger stakeCap,
    Map<BeaconTier, Integer> tierMultiplierBp) {

  /** The multiplier cap: 10x keeps one tier from swallowing the pool through a bad parameter. */
  static final int MAX_MULTIPLIER_BP = 100_000;

  public RewardParameters {
    BasisPoints.share("the performance share", performanceShareBp);
    BasisPoints.share("the minimum uptime", minimumUptimeBp);
    if (stakeCap == null || stakeCap.signum() <= 0) {
      throw new IllegalArgumentException("the stake cap must be positive, not " + stakeCap);
    }
    if (tierMultiplierBp == null) {
      throw new IllegalArgumentException("the tier multipliers are missing");
    }
    for (BeaconTier tier : BeaconTier.values()) {
      Integer multiplier = tierMultiplierBp.get(tier);
      if (multiplier == null || multiplier <= 0 || multiplier > MAX_MULTIPLIER_BP) {
        throw new IllegalArgumentException(
            "the "
                + tier
                + " multiplier must be between 1 and "
                + MAX_MULTIPLIER_BP
                + " basis points, not "
                + multiplier);
      }
    }
    tierMultiplierBp = Map.copyOf(tierMultiplierBp);
  }

  int multiplier(BeaconTier tier) {
    return tierMultiplierBp.get(tier);
  }
}
