package io.noderr.agent.runtime;

import io.noderr.activities.node.HealthState;
import java.time.Duration;

/**
 * The node software as the agent manages it: {@link
 * io.noderr.agent.runtime.docker.DockerContainerRuntime} for software the agent runs (and updates)
 * on Docker, {@link StaticReleaseRuntime} for software run by other means; the simulator has its
 * own.
 */
public interface ContainerRuntime {

  /** What runs now. */
  RunningRelease running();

  /** Probes the node software once, giving up after {@code timeout}. */
  ProbeOutcome probe(Duration timeout);

  /** Health from the most recent probe (heartbeats report it without probing again). */
  HealthState lastKnownHealth();
}
