package io.noderr.worker.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.activities.node.HealthProbeResult;
import io.noderr.activities.node.HealthState;
import io.noderr.activities.node.NodeStatusReport;
import io.noderr.activities.node.ResourceUsage;
import io.noderr.activities.platform.HealthCheckOutcome;
import io.noderr.activities.platform.HealthCheckRecorded;
import io.noderr.activities.platform.HealthCheckVerdict;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import io.noderr.registry.audit.AuditEntry;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.node.Node;
import io.noderr.registry.node.NodeRepository;
import io.noderr.registry.node.NodeStatus;
import io.noderr.registry.workflow.WorkflowRun;
import io.noderr.registry.workflow.WorkflowRunStatus;
import io.noderr.registry.workflow.WorkflowRuns;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HealthCheckRecorderIT {

  private static final String NODE = "n-1";
  private static final String WORKFLOW_ID = "health-check-n-1-1700000000000";

  @RegisterExtension
  static final RegistryDatabase db =
      RegistryDatabase.create(context -> context.registerBean(HealthCheckRecorder.class));

  private final HealthCheckRecorder recorder = db.bean(HealthCheckRecorder.class);
  private final NodeRepository nodes = db.bean(NodeRepository.class);
  private final WorkflowRuns runs = db.bean(WorkflowRuns.class);
  private final AuditLog audit = db.bean(AuditLog.class);

  /** An active node that never reported, and the run the console recorded when it started. */
  @BeforeEach
  void nodeWithARunningCheck() {
    db.insertNode(NODE, "acme", Tier.ORACLE, "eu-west", "ACTIVE");
    runs.started(WORKFLOW_ID, "NodeHealthCheckWorkflow", NODE, "alice");
  }

  private static NodeStatusReport selfReport(HealthState health) {
    return new NodeStatusReport(
        NODE,
        "1.4.0",
        "sha256:abc",
        health,
        new ResourceUsage(12.5, 40.25, 70),
        1_700_000_000_000L);
  }

  private static HealthCheckOutcome answered(
      HealthCheckVerdict verdict, HealthState selfReported, HealthState probed, String detail) {
    return new HealthCheckOutcome(
        WORKFLOW_ID,
        NODE,
        "alice",
        verdict,
        selfReport(selfReported),
        new HealthProbeResult(NODE, probed, detail, 3),
        detail);
  }

  private static HealthCheckOutcome healthy() {
    return answered(
        HealthCheckVerdict.HEALTHY, HealthState.HEALTHY, HealthState.HEALTHY, "HTTP 200");
  }

  private static HealthCheckOutcome unreachable() {
    return new HealthCheckOutcome(
        WORKFLOW_ID,
        NODE,
        "alice",
        HealthCheckVerdict.UNREACHABLE,
        null,
        null,
        "no agent polled the node's queue in time");
  }

  private WorkflowRun run() {
    return runs.recentFor(NODE, 10).getFirst();
  }

  private List<AuditEntry> healthChecked() {
    return audit.recentFor(NODE, 100).stream()
        .filter(entry -> entry.action().equals("node.health-checked"))
        .toList();
  }

  @Test
  void healthyOutcome_refreshesTheNode_completesTheRun_andAuditsItWithTheWorkflowId() {
    Instant before = Instant.now();

    HealthCheckRecorded recorded = recorder.recordHealthCheck(healthy());

    assertThat(recorded).isEqualTo(new HealthCheckRecorded(NODE, true));
    Node node = nodes.findById(NODE).orElseThrow();
    assertThat(node.health()).isEqualTo("HEALTHY");
    assertThat(node.version()).isEqualTo("1.4.0");
    assertThat(node.imageDigest()).isEqualTo("sha256:abc");
    assertThat(node.cpuPercent()).isEqualTo(12.5f);
    assertThat(node.lastHeartbeat())
        .isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
    WorkflowRun run = run();
    assertThat(run.status()).isEqualTo(WorkflowRunStatus.COMPLETED);
    assertThat(run.detail()).isEqualTo("HEALTHY: HTTP 200");
    assertThat(run.endedAt()).isNotNull();
    List<AuditEntry> entries = healthChecked();
    assertThat(entries).hasSize(1);
    assertThat(entries.getFirst().workflowId()).isEqualTo(WORKFLOW_ID);
    assertThat(entries.getFirst().actor()).isEqualTo("alice");
    assertThat(entries.getFirst().detail()).isEqualTo("HEALTHY: HTTP 200");
  }

  @Test
  void recordingTheSameCheckTwice_appendsNoSecondAuditEntry_andDoesNotTouchTheNodeAgain() {
    recorder.recordHealthCheck(healthy());
    db.jdbc().update("UPDATE nodes SET last_heartbeat = now() - interval '1 hour'");
    Instant backdated = nodes.findById(NODE).orElseThrow().lastHeartbeat();

    HealthCheckRecorded again = recorder.recordHealthCheck(healthy());

    assertThat(again).isEqualTo(new HealthCheckRecorded(NODE, true));
    assertThat(healthChecked()).hasSize(1);
    assertThat(nodes.findById(NODE).orElseThrow().lastHeartbeat()).isEqualTo(backdated);
    assertThat(run().status()).isEqualTo(WorkflowRunStatus.COMPLETED);
  }

  @Test
  void unreachableOutcome_isAudited_butLeavesLivenessUntouched() {
    HealthCheckRecorded recorded = recorder.recordHealthCheck(unreachable());

    assertThat(recorded).isEqualTo(new HealthCheckRecorded(NODE, true));
    Node node = nodes.findById(NODE).orElseThrow();
    assertThat(node.lastHeartbeat()).isNull();
    assertThat(node.health()).isNull();
    assertThat(node.version()).isNull();
    assertThat(node.status()).isEqualTo(NodeStatus.ACTIVE);
    assertThat(run().status()).isEqualTo(WorkflowRunStatus.COMPLETED);
    assertThat(run().detail()).isEqualTo("UNREACHABLE: no agent polled the node's queue in time");
    assertThat(healthChecked())
        .singleElement()
        .satisfies(entry -> assertThat(entry.workflowId()).isEqualTo(WORKFLOW_ID));
  }

  @Test
  void unhealthyVerdict_recordsTheNodeUnhealthy_evenWhenTheAgentCallsItselfHealthy() {
    recorder.recordHealthCheck(
        answered(
            HealthCheckVerdict.UNHEALTHY, HealthState.HEALTHY, HealthState.UNHEALTHY, "HTTP 503"));

    assertThat(nodes.findById(NODE).orElseThrow().health()).isEqualTo("UNHEALTHY");
    assertThat(run().detail()).isEqualTo("UNHEALTHY: HTTP 503");
  }

  @Test
  void healthyVerdict_recordsTheNodeHealthy_evenWhenTheAgentCallsItselfUnhealthy() {
    recorder.recordHealthCheck(
        answered(
            HealthCheckVerdict.HEALTHY, HealthState.UNHEALTHY, HealthState.HEALTHY, "HTTP 200"));

    assertThat(nodes.findById(NODE).orElseThrow().health()).isEqualTo("HEALTHY");
  }

  @Test
  void answeredCheck_bringsADegradedNodeBackToActive() {
    db.jdbc().update("UPDATE nodes SET status = 'DEGRADED'");

    recorder.recordHealthCheck(healthy());

    assertThat(nodes.findById(NODE).orElseThrow().status()).isEqualTo(NodeStatus.ACTIVE);
    assertThat(audit.recentFor(NODE, 10))
        .extracting(AuditEntry::action)
        .containsExactlyInAnyOrder("node.recovered", "node.health-checked");
  }

  @Test
  void checkOfANodeThatNoLongerExists_isReportedUnknown_completesTheRun_andCreatesNoNode() {
    db.jdbc().update("DELETE FROM nodes");

    HealthCheckRecorded recorded = recorder.recordHealthCheck(healthy());

    assertThat(recorded).isEqualTo(new HealthCheckRecorded(NODE, false));
    assertThat(nodes.existsById(NODE)).isFalse();
    assertThat(run().status()).isEqualTo(WorkflowRunStatus.COMPLETED);
    assertThat(healthChecked()).hasSize(1);
  }

  @Test
  void checkWithoutARunRow_recordsTheRunAsCompleted() {
    db.jdbc().execute("TRUNCATE workflow_runs");

    recorder.recordHealthCheck(healthy());

    WorkflowRun run = run();
    assertThat(run.workflowId()).isEqualTo(WORKFLOW_ID);
    assertThat(run.workflowType()).isEqualTo("NodeHealthCheckWorkflow");
    assertThat(run.startedBy()).isEqualTo("alice");
    assertThat(run.status()).isEqualTo(WorkflowRunStatus.COMPLETED);
    assertThat(healthChecked()).hasSize(1);
  }
}
