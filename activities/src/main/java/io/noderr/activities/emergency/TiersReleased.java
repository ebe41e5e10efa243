package io.noderr.activities.emergency;

import java.util.List;

/** The tiers no longer held and the deployments resumed. */
public record TiersReleased(List<String> tiers, List<String> resumedDeployments) {
  public TiersReleased {
    tiers = List.copyOf(tiers);
    resumedDeployments = List.copyOf(resumedDeployments);
  }
}
