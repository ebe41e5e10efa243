package io.noderr.workflows.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.noderr.activities.PlatformFailures;
import io.noderr.activities.TaskQueues;
import io.noderr.activities.alert.AlertActivities;
import io.noderr.activities.alert.AlertDelivery;
import io.noderr.activities.alert.AlertEvaluation;
import io.noderr.activities.alert.AlertRound;
import io.noderr.workflows.testing.TestEnvironments;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The evaluation loop with a time-skipping server: rounds at the interval on the workflow's clock,
 * continue-as-new, and a failed step that does not stop alerting. The rules and channels themselves
 * are tested in the worker against PostgreSQL and real receivers.
 */
class AlertEvaluationWorkflowTest {

  private static final long INTERVAL = 30_000;

  private TestWorkflowEnvironment env;
  private AlertActivities activities;

  @BeforeEach
  void setUp() {
    env = TestEnvironments.newInstance();
    Worker worker = env.newWorker(TaskQueues.PLATFORM);
    worker.registerWorkflowImplementationTypes(AlertEvaluationWorkflowImpl.class);
    activities = mock(AlertActivities.class, withSettings().withoutAnnotations());
    when(activities.evaluateAlertRules(any())).thenReturn(new AlertEvaluation(1, 1, 0, 0, 0, 0));
    when(activities.deliverAlertNotifications(any())).thenReturn(new AlertDelivery(0, 1, 0, 0));
    worker.registerActivitiesImplementations(activities);
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void rounds_runAtTheInterval_onTheWorkflowClock() throws IOException {
    env.start();
    WorkflowExecution first = start(new AlertEvaluationInput(INTERVAL, 3, 0));

    env.sleep(Duration.ofMillis(INTERVAL * 2 + 5_000));

    ArgumentCaptor<AlertRound> rounds = ArgumentCaptor.forClass(AlertRound.class);
    verify(activities, atLeast(3)).evaluateAlertRules(rounds.capture());
    List<Long> times = rounds.getAllValues().stream().map(AlertRound::nowMillis).toList();
    // The interval runs after a round's steps, which take some real time as well.
    assertThat(times.get(1) - times.get(0)).isBetween(INTERVAL, INTERVAL * 2 - 1);
    assertThat(times.get(2) - times.get(1)).isBetween(INTERVAL, INTERVAL * 2 - 1);
    AlertEvaluationState state = stub().getState();
    assertThat(state.rounds()).isEqualTo(3);
    assertThat(state.evaluation().opened()).isEqualTo(1);
    assertThat(state.delivery().sent()).isEqualTo(1);
    assertThat(state.lastFailure()).isNull();

    env.sleep(Duration.ofMillis(INTERVAL * 2));
    recordHistory("three-rounds-then-continue", first);
  }

  @Test
  void theChain_continuesAsNew_andCountsRoundsAcrossRuns() {
    env.start();
    WorkflowExecution first = start(new AlertEvaluationInput(INTERVAL, 2, 0));

    env.sleep(Duration.ofMillis(INTERVAL * 4 + 5_000));

    assertThat(
            env.getWorkflowClient()
                .newUntypedWorkflowStub(AlertEvaluationWorkflow.WORKFLOW_ID)
                .describe()
                .getExecution()
                .getRunId())
        .isNotEqualTo(first.getRunId());
    assertThat(stub().getState().rounds()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void aFailedEvaluation_isReported_andTheNextRoundRunsAnyway() throws IOException {
    when(activities.evaluateAlertRules(any()))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "the database refused the data", PlatformFailures.INVALID_DATA))
        .thenReturn(new AlertEvaluation(0, 0, 0, 0, 0, 0));
    env.start();
    WorkflowExecution first = start(new AlertEvaluationInput(INTERVAL, 2, 0));

    env.sleep(Duration.ofSeconds(5));
    AlertEvaluationState failed = stub().getState();
    assertThat(failed.lastFailure()).contains("evaluation: the database refused the data");
    assertThat(failed.delivery()).as("delivery still ran").isNotNull();

    env.sleep(Duration.ofMillis(INTERVAL));
    assertThat(stub().getState().lastFailure()).isNull();
    env.sleep(Duration.ofMillis(INTERVAL));
    recordHistory("failed-round", first);
  }

  private WorkflowExecution start(AlertEvaluationInput input) {
    AlertEvaluationWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                AlertEvaluationWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(AlertEvaluationWorkflow.WORKFLOW_ID)
                    .setTaskQueue(TaskQueues.PLATFORM)
                    .build());
    return WorkflowClient.start(workflow::run, input);
  }

  private AlertEvaluationWorkflow stub() {
    return env.getWorkflowClient()
        .newWorkflowStub(AlertEvaluationWorkflow.class, AlertEvaluationWorkflow.WORKFLOW_ID);
  }

  /** Writes the history of the chain's first run (it ended by continuing as new). */
  private void recordHistory(String scenario, WorkflowExecution run) throws IOException {
    if (!Boolean.getBoolean("noderr.recordHistories")) {
      return;
    }
    WorkflowExecutionHistory history =
        env.getWorkflowClient().fetchHistory(run.getWorkflowId(), run.getRunId());
    Path file = Path.of("src/test/resources/histories/alert-evaluation", scenario + ".json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, history.toJson(true));
  }
}
