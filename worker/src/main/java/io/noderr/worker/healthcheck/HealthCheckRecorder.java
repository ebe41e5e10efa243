package io.noderr.worker.healthcheck;

import io.noderr.activities.node.NodeStatusReport;
import io.noderr.activities.platform.HealthCheckOutcome;
import io.noderr.activities.platform.HealthCheckRecorded;
import io.noderr.activities.platform.HealthCheckRecordingActivities;
import io.noderr.activities.platform.HealthCheckVerdict;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.node.LivenessRegistry;
import io.noderr.registry.node.LivenessReport;
import io.noderr.registry.node.NodeRepository;
import io.noderr.registry.workflow.WorkflowRunStatus;
import io.noderr.registry.workflow.WorkflowRuns;
import io.noderr.workflows.healthcheck.NodeHealthCheckWorkflow;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Writes a health check's outcome to the node, the workflow read model and the audit log. */
@Component
public class HealthCheckRecorder implements HealthCheckRecordingActivities {

  private final NodeRepository nodes;
  private final LivenessRegistry liveness;
  private final WorkflowRuns runs;
  private final AuditLog audit;

  HealthCheckRecorder(
      NodeRepository nodes, LivenessRegistry liveness, WorkflowRuns runs, AuditLog audit) {
    this.nodes = nodes;
    this.liveness = liveness;
    this.runs = runs;
    this.audit = audit;
  }

  /**
   * Idempotent: a retried activity finds the run already ended and appends no second audit entry.
   */
  @Override
  @Transactional
  public HealthCheckRecorded recordHealthCheck(HealthCheckOutcome outcome) {
    boolean nodeKnown = nodes.existsById(outcome.nodeId());
    runs.started(
        outcome.workflowId(),
        NodeHealthCheckWorkflow.TYPE,
        outcome.nodeId(),
        outcome.requestedBy());
    boolean firstRecording =
        runs.ended(outcome.workflowId(), WorkflowRunStatus.COMPLETED, summary(outcome));
    if (!firstRecording) {
      return new HealthCheckRecorded(outcome.nodeId(), nodeKnown);
    }
    if (nodeKnown && outcome.status() != null) {
      // The answer is as good as a heartbeat: it refreshes last-seen and the reported metrics.
      liveness.recordHeartbeats(List.of(asLivenessReport(outcome)));
    }
    audit.append(
        outcome.requestedBy(),
        "node.health-checked",
        outcome.nodeId(),
        summary(outcome),
        outcome.workflowId());
    return new HealthCheckRecorded(outcome.nodeId(), nodeKnown);
  }

  private static LivenessReport asLivenessReport(HealthCheckOutcome outcome) {
    NodeStatusReport status = outcome.status();
    // The verdict comes from the probe and is what the check concluded; the agent's self-reported
    // health must not override it (a failed probe recorded as HEALTHY would hide the failure).
    String health = outcome.verdict() == HealthCheckVerdict.HEALTHY ? "HEALTHY" : "UNHEALTHY";
    return new LivenessReport(
        outcome.nodeId(),
        status.version(),
        status.imageDigest(),
        health,
        status.usage().cpuPercent(),
        status.usage().memoryPercent(),
        status.usage().diskPercent());
  }

  private static String summary(HealthCheckOutcome outcome) {
    return outcome.verdict() + ": " + outcome.detail();
  }
}
