package io.noderr.agent.runtime;

import io.noderr.activities.node.HealthState;

/** The result of one probe of the node software. */
public record ProbeOutcome(HealthState health, String detail) {

  public static ProbeOutcome healthy(String detail) {
    return new ProbeOutcome(HealthState.HEALTHY, detail);
  }

  public static ProbeOutcome unhealthy(String detail) {
    return new ProbeOutcome(HealthState.UNHEALTHY, detail);
  }
}
