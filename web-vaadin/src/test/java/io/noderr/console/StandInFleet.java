package io.noderr.console;

import io.noderr.console.sim.SimulatedFleetControl;
import java.util.Map;

/**
 * The console tests' stand-in for the simulated fleet {@code noderr up} hosts: it keeps the spec it
 * is given and refuses one naming an unknown kind, as the real one does. The real fleet behind the
 * same interface is driven over REST in the app's RolloutIT.
 */
public class StandInFleet implements SimulatedFleetControl {

  private volatile String spec = "";

  @Override
  public int nodes() {
    return 40;
  }

  @Override
  public String releaseFaults() {
    return spec;
  }

  @Override
  public void applyReleaseFaults(String next) {
    if (next.contains("melt")) {
      throw new IllegalArgumentException(
          "release fault '"
              + next
              + "': the kind must be unhealthy, slow, crash, hang, errors or latency");
    }
    spec = next;
  }

  @Override
  public Map<String, Map<String, Integer>> appliedUpdates() {
    return Map.of("sim-00001", Map.of("rollout-1/sim-00001", 1));
  }
}
