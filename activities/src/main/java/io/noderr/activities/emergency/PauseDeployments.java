package io.noderr.activities.emergency;

import java.util.List;

/**
 * @param except a deployment left running (the emergency rollback itself), may be null
 */
public record PauseDeployments(
    String emergencyId, List<String> tiers, String except, String actor, String reason) {
  public PauseDeployments {
    tiers = List.copyOf(tiers);
  }
}
