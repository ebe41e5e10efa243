package io.noderr.activities.node;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Activities a node agent runs on its own task queue ({@code TaskQueues.node(id)}).
 *
 * <p>Real agents and simulated agents run the same implementation; only the container runtime and
 * the host metrics adapters differ.
 */
@ActivityInterface
public interface NodeStatusActivities {

  /** What the node runs and how loaded it is, as observed now. */
  @ActivityMethod
  NodeStatusReport reportStatus(StatusRequest request);

  /** Probes the node software's health endpoint once. */
  @ActivityMethod
  HealthProbeResult probeHealth(HealthProbeRequest request);
}
