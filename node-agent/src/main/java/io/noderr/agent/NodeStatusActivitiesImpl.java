package io.noderr.agent;

import io.noderr.activities.node.HealthProbeRequest;
import io.noderr.activities.node.HealthProbeResult;
import io.noderr.activities.node.NodeStatusActivities;
import io.noderr.activities.node.NodeStatusReport;
import io.noderr.activities.node.StatusRequest;
import io.noderr.agent.metrics.HostMetrics;
import io.noderr.agent.runtime.ContainerRuntime;
import io.noderr.agent.runtime.ProbeOutcome;
import io.noderr.agent.runtime.RunningRelease;
import java.time.Clock;
import java.time.Duration;

/**
 * The node-side activities. Real and simulated agents run this same class; they differ only in the
 * {@link ContainerRuntime}, {@link HostMetrics} and {@link FaultHook} they are given.
 */
public class NodeStatusActivitiesImpl implements NodeStatusActivities {

  private final String nodeId;
  private final ContainerRuntime runtime;
  private final HostMetrics metrics;
  private final FaultHook faults;
  private final Clock clock;

  public NodeStatusActivitiesImpl(
      String nodeId, ContainerRuntime runtime, HostMetrics metrics, FaultHook faults, Clock clock) {
    this.nodeId = nodeId;
    this.runtime = runtime;
    this.metrics = metrics;
    this.faults = faults;
    this.clock = clock;
  }

  @Override
  public NodeStatusReport reportStatus(StatusRequest request) {
    faults.beforeActivity("reportStatus");
    return currentStatus();
  }

  @Override
  public HealthProbeResult probeHealth(HealthProbeRequest request) {
    faults.beforeActivity("probeHealth");
    long started = clock.millis();
    ProbeOutcome outcome = runtime.probe(Duration.ofMillis(Math.max(1, request.timeoutMillis())));
    return new HealthProbeResult(
        nodeId, outcome.health(), outcome.detail(), clock.millis() - started);
  }

  /** The status this node reports in heartbeats and in {@link #reportStatus}. */
  public NodeStatusReport currentStatus() {
    RunningRelease release = runtime.running();
    return new NodeStatusReport(
        nodeId,
        release.version(),
        release.imageDigest(),
        runtime.lastKnownHealth(),
        metrics.sample(),
        clock.millis());
  }
}
