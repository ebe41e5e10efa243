package io.noderr.console.sim;

import java.util.Map;

/**
 * The knobs of a simulated fleet hosted by this process ({@code noderr up} with simulated nodes).
 * Absent — no bean — when the platform runs without one, as in production.
 */
public interface SimulatedFleetControl {

  /** How many simulated nodes the fleet hosts. */
  int nodes();

  /** The per-release faults as a spec, e.g. {@code 1.6.0:unhealthy=30,1.6.0:hang=5}. */
  String releaseFaults();

  /**
   * Sets the knobs the spec names, each {@code VERSION:KIND=PERCENT} (0 clears one), and leaves the
   * others. All or nothing.
   *
   * @throws IllegalArgumentException naming the bad entry; no knob changed
   */
  void applyReleaseFaults(String spec);

  /**
   * Per node, how many times each update id was applied to it (a swap or a revert that took place),
   * across restarts of the platform: a kill drill proves with it that no node received the same
   * update twice. Nodes never updated are absent.
   */
  Map<String, Map<String, Integer>> appliedUpdates();
}
