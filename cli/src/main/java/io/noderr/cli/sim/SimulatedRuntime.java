package io.noderr.cli.sim;

import io.noderr.activities.node.HealthState;
import io.noderr.agent.runtime.ContainerRuntime;
import io.noderr.agent.runtime.ProbeOutcome;
import io.noderr.agent.runtime.RunningRelease;
import java.time.Duration;

/**
 * A node software release that exists only in memory; health follows the node's failure mode. The
 * release changes when a simulated update commits or reverts.
 */
class SimulatedRuntime implements ContainerRuntime {

  private volatile RunningRelease release;
  private volatile RunningRelease soaking;
  private final SimulatedNode node;

  SimulatedRuntime(RunningRelease release, SimulatedNode node) {
    this.release = release;
    this.node = node;
  }

  @Override
  public RunningRelease running() {
    return release;
  }

  /** The simulated swap: from now on the node runs {@code next}. */
  void install(RunningRelease next) {
    release = next;
  }

  /**
   * The release on trial during a health soak (null: none). It serves, so it is what the node's
   * telemetry reports, while {@link #running} stays the committed one until the swap.
   */
  void soak(RunningRelease candidate) {
    soaking = candidate;
  }

  /** What serves requests now: the release on trial during a soak, else the committed one. */
  RunningRelease serving() {
    RunningRelease trial = soaking;
    return trial == null ? release : trial;
  }

  @Override
  public ProbeOutcome probe(Duration timeout) {
    return node.failure() == Failure.UNHEALTHY
        ? ProbeOutcome.unhealthy("simulated: health endpoint answers 503")
        : ProbeOutcome.healthy("simulated: health endpoint answers 200");
  }

  @Override
  public HealthState lastKnownHealth() {
    return probe(Duration.ZERO).health();
  }
}
