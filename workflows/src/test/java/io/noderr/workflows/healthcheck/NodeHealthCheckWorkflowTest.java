package io.noderr.workflows.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.noderr.activities.TaskQueues;
import io.noderr.activities.node.HealthProbeResult;
import io.noderr.activities.node.HealthState;
import io.noderr.activities.node.NodeStatusActivities;
import io.noderr.activities.node.NodeStatusReport;
import io.noderr.activities.node.ResourceUsage;
import io.noderr.activities.platform.HealthCheckOutcome;
import io.noderr.activities.platform.HealthCheckRecorded;
import io.noderr.activities.platform.HealthCheckRecordingActivities;
import io.noderr.activities.platform.HealthCheckVerdict;
import io.noderr.workflows.search.NoderrSearchAttributes;
import io.noderr.workflows.testing.TestEnvironments;
import io.noderr.workflows.testing.Visibility;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * Workflow tests with a time-skipping test server. Node activities are mocked on the node's own
 * queue, so routing to {@code node-<id>} is exercised too. With {@code -Dnoderr.recordHistories}
 * each scenario writes its history to {@code src/test/resources/histories} for the replay test.
 */
class NodeHealthCheckWorkflowTest {

  private static final String NODE = "n-1";
  private static final String OPERATOR = "0xabc0000000000000000000000000000000000001";

  private TestWorkflowEnvironment env;
  private Worker platform;
  private Worker node;
  private HealthCheckRecordingActivities registry;
  private NodeStatusActivities agent;

  @BeforeEach
  void setUp() {
    env = TestEnvironments.newInstance();
    platform = env.newWorker(TaskQueues.PLATFORM);
    platform.registerWorkflowImplementationTypes(NodeHealthCheckWorkflowImpl.class);
    registry = mock(HealthCheckRecordingActivities.class, withSettings().withoutAnnotations());
    when(registry.recordHealthCheck(any())).thenReturn(new HealthCheckRecorded(NODE, true));
    platform.registerActivitiesImplementations(registry);
    node = env.newWorker(TaskQueues.node(NODE));
    agent = mock(NodeStatusActivities.class, withSettings().withoutAnnotations());
    when(agent.reportStatus(any())).thenReturn(status());
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void check_recordsHealthy_whenAgentAnswersAndProbePasses() throws IOException {
    when(agent.probeHealth(any()))
        .thenReturn(new HealthProbeResult(NODE, HealthState.HEALTHY, "HTTP 200", 3));
    node.registerActivitiesImplementations(agent);
    env.start();

    NodeHealthCheckResult result = run("healthy");

    assertThat(result.verdict()).isEqualTo(HealthCheckVerdict.HEALTHY);
    HealthCheckOutcome recorded = recordedOutcome();
    assertThat(recorded.status().version()).isEqualTo("1.0.0");
    assertThat(recorded.requestedBy()).isEqualTo("admin");
    assertThat(recorded.workflowId()).startsWith("health-check-" + NODE);
  }

  @Test
  void check_recordsUnhealthy_whenProbeFails() throws IOException {
    when(agent.probeHealth(any()))
        .thenReturn(new HealthProbeResult(NODE, HealthState.UNHEALTHY, "HTTP 503", 3));
    node.registerActivitiesImplementations(agent);
    env.start();

    NodeHealthCheckResult result = run("unhealthy");

    assertThat(result.verdict()).isEqualTo(HealthCheckVerdict.UNHEALTHY);
    assertThat(result.detail()).isEqualTo("HTTP 503");
  }

  @Test
  void check_recordsUnreachable_whenNobodyPollsTheNodeQueue() throws IOException {
    // No activities registered on the node's queue: the task is never picked up. The test server
    // does not skip time while an activity task waits in a queue, so this takes the real 20 s.
    env.start();

    NodeHealthCheckResult result = run("unreachable");

    assertThat(result.verdict()).isEqualTo(HealthCheckVerdict.UNREACHABLE);
    assertThat(result.detail()).contains("no agent polled");
    HealthCheckOutcome recorded = recordedOutcome();
    assertThat(recorded.status()).isNull();
    assertThat(recorded.probe()).isNull();
    verify(agent, never()).probeHealth(any());
  }

  @Test
  void check_recordsUnreachable_whenAgentFailsTheActivity() throws IOException {
    when(agent.probeHealth(any())).thenThrow(new IllegalStateException("disk full"));
    node.registerActivitiesImplementations(agent);
    env.start();

    NodeHealthCheckResult result = run("agent-error");

    assertThat(result.verdict()).isEqualTo(HealthCheckVerdict.UNREACHABLE);
    assertThat(result.detail()).isEqualTo("the agent failed the check: disk full");
  }

  @Test
  void getState_reportsDone_withVerdict_afterCompletion() {
    when(agent.probeHealth(any()))
        .thenReturn(new HealthProbeResult(NODE, HealthState.HEALTHY, "HTTP 200", 3));
    node.registerActivitiesImplementations(agent);
    env.start();
    NodeHealthCheckWorkflow workflow = stub("state");
    workflow.run(new NodeHealthCheckInput(NODE, "admin"));

    NodeHealthCheckState state = workflow.getState();

    assertThat(state.stage()).isEqualTo(NodeHealthCheckState.Stage.DONE);
    assertThat(state.verdict()).isEqualTo(HealthCheckVerdict.HEALTHY);
  }

  @Test
  void check_isFoundByItsNode_andShowsTheVerdictAsItsStage() throws IOException {
    when(agent.probeHealth(any()))
        .thenReturn(new HealthProbeResult(NODE, HealthState.UNHEALTHY, "HTTP 503", 3));
    node.registerActivitiesImplementations(agent);
    env.start();
    NodeHealthCheckWorkflow workflow = stub("unhealthy-searchable");

    workflow.run(new NodeHealthCheckInput(NODE, "admin"));

    Visibility done = Visibility.of(workflow);
    assertThat(done.attributes().get(NoderrSearchAttributes.NODE_ID)).containsExactly(NODE);
    assertThat(done.attributes().get(NoderrSearchAttributes.TIER)).containsExactly("ORACLE");
    assertThat(done.attributes().get(NoderrSearchAttributes.OPERATOR)).isEqualTo(OPERATOR);
    assertThat(done.stage()).isEqualTo("UNHEALTHY");
    assertThat(done.summary())
        .isEqualTo("Health check of node n-1, asked by admin: UNHEALTHY (HTTP 503)");
    recordHistory(
        "unhealthy-searchable", WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId());
  }

  private NodeHealthCheckResult run(String scenario) throws IOException {
    NodeHealthCheckWorkflow workflow = stub(scenario);
    NodeHealthCheckResult result = workflow.run(new NodeHealthCheckInput(NODE, "admin"));
    recordHistory(scenario, WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId());
    return result;
  }

  private NodeHealthCheckWorkflow stub(String scenario) {
    WorkflowClient client = env.getWorkflowClient();
    return client.newWorkflowStub(
        NodeHealthCheckWorkflow.class,
        NodeHealthCheckWorkflow.startOptions(
                NodeHealthCheckWorkflow.workflowId(NODE, scenario.hashCode() & 0xffff),
                new NodeHealthCheckInput(NODE, "admin"),
                "ORACLE",
                OPERATOR)
            .build());
  }

  private HealthCheckOutcome recordedOutcome() {
    ArgumentCaptor<HealthCheckOutcome> outcome = ArgumentCaptor.forClass(HealthCheckOutcome.class);
    verify(registry).recordHealthCheck(outcome.capture());
    return outcome.getValue();
  }

  private void recordHistory(String scenario, String workflowId) throws IOException {
    if (!Boolean.getBoolean("noderr.recordHistories")) {
      return;
    }
    WorkflowExecutionHistory history = env.getWorkflowClient().fetchHistory(workflowId);
    Path file = Path.of("src/test/resources/histories/node-health-check", scenario + ".json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, history.toJson(true));
  }

  private static NodeStatusReport status() {
    return new NodeStatusReport(
        NODE,
        "1.0.0",
        "sha256:" + "a".repeat(64),
        HealthState.HEALTHY,
        new ResourceUsage(10, 20, 30),
        1_700_000_000_000L);
  }
}
