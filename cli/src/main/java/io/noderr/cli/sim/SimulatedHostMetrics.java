package io.noderr.cli.sim;

import io.noderr.activities.node.ResourceUsage;
import io.noderr.agent.metrics.HostMetrics;
import java.time.Clock;

/** Plausible, slowly varying load: a per-node baseline plus a wave, no randomness. */
class SimulatedHostMetrics implements HostMetrics {

  private final double baseline;
  private final Clock clock;

  SimulatedHostMetrics(String nodeId, Clock clock) {
    this.baseline = Math.floorMod(nodeId.hashCode(), 40) + 10;
    this.clock = clock;
  }

  @Override
  public ResourceUsage sample() {
    double wave = 10 * Math.sin(clock.millis() / 60_000.0 + baseline);
    return new ResourceUsage(baseline + wave, baseline + 20 + wave / 2, baseline / 2 + 20);
  }
}
