package io.noderr.agent.runtime;

import io.noderr.activities.node.HealthState;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

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

  /**
   * The Prometheus endpoint the running release declares for its own metrics, if any; telemetry
   * scrapes it every report.
   */
  default Optional<URI> metricsEndpoint() {
    return Optional.empty();
  }
}
