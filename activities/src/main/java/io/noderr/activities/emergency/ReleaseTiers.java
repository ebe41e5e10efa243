package io.noderr.activities.emergency;

import java.util.List;

/** Lifts the holds on tiers (whichever emergency set them). */
public record ReleaseTiers(String emergencyId, List<String> tiers, String actor, String reason) {
  public ReleaseTiers {
    tiers = List.copyOf(tiers);
  }
}
