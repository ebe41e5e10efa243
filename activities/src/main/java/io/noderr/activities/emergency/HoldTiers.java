package io.noderr.activities.emergency;

import java.util.List;

/**
 * @param expiresAt unix seconds the hold ends by itself unless ratified; 0 = until a RESUME
 */
public record HoldTiers(
    String emergencyId, List<String> tiers, String actor, String reason, long expiresAt) {
  public HoldTiers {
    tiers = List.copyOf(tiers);
  }
}
