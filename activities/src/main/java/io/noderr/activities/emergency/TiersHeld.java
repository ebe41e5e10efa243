package io.noderr.activities.emergency;

import java.util.List;

/** The deployments a hold (or a rollback's start) paused. */
public record TiersHeld(List<String> pausedDeployments) {
  public TiersHeld {
    pausedDeployments = List.copyOf(pausedDeployments);
  }
}
