package io.noderr.activities.node;

/** Health of the node software as the agent sees it. */
public enum HealthState {
  HEALTHY,
  UNHEALTHY
}
