package io.noderr.workflows.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.noderr.activities.TaskQueues;
import io.noderr.activities.node.NodeUpdateRequest;
import io.noderr.activities.node.NodeUpdateResult;
import io.noderr.activities.node.NodeUpdateResult.FailureType;
import io.noderr.activities.node.NodeUpdateResult.Outcome;
import io.noderr.activities.rollout.CheckpointWrite;
import io.noderr.activities.rollout.CohortAnalysis;
import io.noderr.activities.rollout.CohortAnalysisActivities;
import io.noderr.activities.rollout.CohortAnalysisRequest;
import io.noderr.activities.rollout.NodeTarget;
import io.noderr.activities.rollout.RolloutProgress;
import io.noderr.workflows.rollout.GateEvaluation.Verdict;
import io.noderr.workflows.rollout.RolloutStep.Pause;
import io.noderr.workflows.rollout.RolloutStrategy.GateFailureAction;
import io.noderr.workflows.search.NoderrSearchAttributes;
import io.noderr.workflows.testing.TestEnvironments;
import io.noderr.workflows.testing.Visibility;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rollout on a time-skipping test server: the platform's registry faked in memory, every node a
 * real activity worker on its own task queue ({@code node-<id>}) with a fake agent. With {@code
 * -Dnoderr.recordHistories=true} scenarios calling {@link #recordHistory} write their history to
 * {@code src/test/resources/histories/rollout} for the replay test.
 */
class RolloutWorkflowTest {

  private static final String VERSION = "1.5.0";
  private static final List<String> TIERS = List.of("ALL");
  private static final String ID = RolloutWorkflow.workflowId(TIERS, VERSION);
  private static final OperatorCommand ADMIN = new OperatorCommand("alice", Set.of("ADMIN"), "why");
  private static final OperatorCommand SRE = new OperatorCommand("bob", Set.of("SRE"), "why");

  private TestWorkflowEnvironment env;
  private FakeRegistry registry;
  private final FakeAnalysis analysis = new FakeAnalysis();
  private final Map<String, FakeAgent> agents = new LinkedHashMap<>();
  private String firstRunId;

  @BeforeEach
  void setUp() {
    env = TestEnvironments.newInstance();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  /** {@code laterNodes} get an agent now (workers cannot be added once started) but join later. */
  private void fleet(int nodes, String... laterNodes) {
    registry = new FakeRegistry(nodes);
    Worker platform = env.newWorker(TaskQueues.PLATFORM);
    platform.registerWorkflowImplementationTypes(
        RolloutWorkflowImpl.class, NodeBatchWorkflowImpl.class);
    platform.registerActivitiesImplementations(registry, analysis);
    registry.fleet.forEach(node -> agentFor(node.nodeId()));
    List.of(laterNodes).forEach(this::agentFor);
    env.start();
  }

  private FakeAgent agentFor(String nodeId) {
    FakeAgent agent = new FakeAgent(nodeId);
    env.newWorker(TaskQueues.node(nodeId)).registerActivitiesImplementations(agent);
    agents.put(nodeId, agent);
    return agent;
  }

  // --- success --------------------------------------------------------------------------------

  @Test
  void rollout_updatesEveryNode_stageByStage_andSucceedsWhenTheRollbackWindowCloses()
      throws IOException {
    fleet(20);

    RolloutResult result = run(strategy(steps(10, 50, 100)));

    assertThat(result.status()).isEqualTo(RolloutStatus.SUCCEEDED);
    assertThat(result.counts().updated()).isEqualTo(20);
    assertThat(agents.values()).allMatch(a -> a.calls.equals(List.of("update " + VERSION)));
    assertThat(registry.actions())
        .containsSubsequence(
            "rollout.started",
            "rollout.stage-done",
            "rollout.stage-done",
            "rollout.completed",
            "rollout.succeeded");
    RolloutState state = stub().getState();
    assertThat(state.evaluations()).hasSize(3).allMatch(e -> e.verdict() == Verdict.PASS);
    assertThat(state.evaluations().getFirst().executed()).isEqualTo(2);
    recordHistory("succeeded");
  }

  // --- gates ----------------------------------------------------------------------------------

  @Test
  void rollout_rollsBack_whenTheCanaryFailureRateIsAboveTheThreshold() throws IOException {
    fleet(20);
    // Canary = the first 2 nodes in plan order; one of them fails its health probe.
    agents.get("node-1").failUpdates = true;

    RolloutResult result = run(strategy(steps(10, 100)));

    assertThat(result.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
    assertThat(result.reason()).startsWith("gate failed at stage 1: failure rate 50.0% above");
    assertThat(agents.get("node-0").calls).containsExactly("update 1.5.0", "revert 1.5.0");
    assertThat(agents.get("node-1").calls).containsExactly("update 1.5.0");
    assertThat(agents.get("node-5").calls).isEmpty();
    assertThat(result.counts().rolledBack()).isEqualTo(1);
    recordHistory("canary-failed-rolled-back");
  }

  @Test
  void rollout_rollsBack_whenTheAnalysisFindsTheCanarysErrorRateAboveTheBaseline()
      throws IOException {
    fleet(20);
    // Every node updates and soaks fine; only the canary's telemetry shows the harm.
    analysis.next = numbers(0.06, 0.005, 80.0, 75.0);

    RolloutResult result = run(withAnalysis(strategy(steps(10, 100)), errorRateAnalysis()));

    assertThat(result.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
    assertThat(result.reason())
        .isEqualTo(
            "gate failed at stage 1: analysis: error rate 6.00% vs baseline 0.50% (limit 1.5x ="
                + " 0.75%); p95 latency 80.0 ms vs baseline 75.0 ms (limit 2.0x); block lag up to"
                + " 1 (limit 5)");
    assertThat(analysis.requests).hasSize(1);
    var request = analysis.requests.getFirst();
    assertThat(request.cohort()).containsExactly("node-0", "node-1");
    assertThat(request.version()).isEqualTo(VERSION);
    assertThat(request.tiers()).isEqualTo(TIERS);
    assertThat(request.toMillis()).isGreaterThanOrEqualTo(request.fromMillis());
    assertThat(agents.get("node-0").calls).containsExactly("update 1.5.0", "revert 1.5.0");
    assertThat(agents.get("node-5").calls).isEmpty();
    GateEvaluation failed = stub().getState().evaluations().getLast();
    assertThat(failed.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(failed.failed()).isZero();
    assertThat(failed.analysis().numbers()).isEqualTo(analysis.next);
    recordHistory("analysis-failed-rolled-back");
  }

  @Test
  void analysis_passes_andIsKeptWithItsNumbers_whenTheCohortLooksLikeTheBaseline() {
    fleet(10);
    analysis.next = numbers(0.006, 0.005, 80.0, 75.0);

    RolloutResult result = run(withAnalysis(strategy(steps(20, 100)), errorRateAnalysis()));

    assertThat(result.status()).isEqualTo(RolloutStatus.SUCCEEDED);
    assertThat(analysis.requests).hasSize(2);
    assertThat(stub().getState().evaluations())
        .allSatisfy(
            e -> {
              assertThat(e.verdict()).isEqualTo(Verdict.PASS);
              assertThat(e.analysis().verdict()).isEqualTo(Verdict.PASS);
              assertThat(e.reason()).contains("; analysis: error rate 0.60% vs baseline 0.50%");
            });
  }

  @Test
  void analysisShortOfSamples_waitsForTheNewVersionsReports_thenJudges() {
    fleet(20);
    // The first two reads find no report of the new version yet; the third finds the harm.
    analysis.first.add(numbers(0, 0, 0, 0));
    analysis.first.add(numbers(0, 0, 0, 0));
    analysis.next = numbers(0.06, 0.005, 80.0, 75.0);

    RolloutResult result = run(withAnalysis(strategy(steps(10, 100)), errorRateAnalysis()));

    assertThat(result.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
    assertThat(analysis.requests).hasSize(3);
    var last = analysis.requests.getLast();
    assertThat(last.fromMillis()).isEqualTo(analysis.requests.getFirst().fromMillis());
    assertThat(last.toMillis() - analysis.requests.getFirst().toMillis())
        .isGreaterThanOrEqualTo(2 * RollOutPhase.ANALYSIS_WAIT.toMillis());
  }

  @Test
  void aGateWithoutAnalysis_readsNoTelemetry() {
    fleet(10);

    run(strategy(steps(20, 100)));

    assertThat(analysis.requests).isEmpty();
    assertThat(stub().getState().evaluations()).allMatch(e -> e.analysis() == null);
  }

  private static AnalysisPolicy errorRateAnalysis() {
    return new AnalysisPolicy(1.5, 2.0, 5L, null, null, null, 1);
  }

  /** A cohort of two nodes; with all numbers 0 it has sent nothing yet. */
  private static CohortAnalysis numbers(
      double cohortErrors, double baselineErrors, double cohortP95, double baselineP95) {
    boolean reported = cohortP95 > 0;
    return new CohortAnalysis(
        reported
            ? new CohortAnalysis.GroupTelemetry(2, 6, cohortErrors, cohortP95, 1L, 12, 0)
            : new CohortAnalysis.GroupTelemetry(0, 0, null, null, null, null, 0),
        new CohortAnalysis.GroupTelemetry(18, 54, baselineErrors, baselineP95, 2L, 10, 0),
        null,
        2);
  }

  private static RolloutStrategy withAnalysis(RolloutStrategy s, AnalysisPolicy analysis) {
    return new RolloutStrategy(
        s.steps(),
        s.rate(),
        s.maxParallel(),
        s.perNodeDeadlineMillis(),
        s.progressDeadlineMillis(),
        s.gates().withAnalysis(analysis),
        s.onGateFailure(),
        s.updateStrategy(),
        s.soakMillis(),
        s.rollbackWindowMillis(),
        s.maintenanceWindows());
  }

  /** The platform's telemetry read, answering what the test sets and keeping the requests. */
  static final class FakeAnalysis implements CohortAnalysisActivities {
    volatile CohortAnalysis next;

    /** Answered, in order, before {@link #next}. */
    final Deque<CohortAnalysis> first = new ConcurrentLinkedDeque<>();

    final List<CohortAnalysisRequest> requests = Collections.synchronizedList(new ArrayList<>());

    @Override
    public CohortAnalysis analyzeCohort(CohortAnalysisRequest request) {
      requests.add(request);
      CohortAnalysis queued = first.poll();
      return queued != null ? queued : next;
    }
  }

  @Test
  void gateFailure_withPauseStrategy_waitsForTheOperator_whoResumesOrRetries() {
    fleet(10);
    agents.get("node-0").failUpdates = true;
    RolloutStrategy pausing = withGateAction(strategy(steps(20, 100)), GateFailureAction.PAUSE);
    RolloutWorkflow rollout = start(pausing);

    awaitStatus(rollout, RolloutStatus.GATE_FAILED);
    agents.get("node-0").failUpdates = false;
    RolloutState retried = rollout.retry(ADMIN);

    assertThat(retried.failedNodes()).containsExactly("node-0");
    awaitStatus(rollout, RolloutStatus.COMPLETED);
    assertThat(rollout.getState().counts().failed()).isZero();
    assertThat(rollout.getState().counts().updated()).isEqualTo(10);
    assertThat(agents.get("node-0").calls).containsExactly("update 1.5.0", "update 1.5.0");
  }

  @Test
  void aNodeThatNeverAnswers_failsByItsDeadline_asATimeout() {
    fleet(3);
    registry.join("gone", "op-9"); // no agent polls its queue

    // A short deadline: the test server does not skip time while an activity task is pending.
    RolloutStrategy base = withGateAction(strategy(steps(100)), GateFailureAction.PAUSE);
    RolloutStrategy strategy =
        new RolloutStrategy(
            base.steps(),
            base.rate(),
            base.maxParallel(),
            Duration.ofSeconds(2).toMillis(),
            base.progressDeadlineMillis(),
            base.gates(),
            base.onGateFailure(),
            base.updateStrategy(),
            base.soakMillis(),
            base.rollbackWindowMillis(),
            List.of());
    RolloutWorkflow rollout = start(strategy);

    awaitStatus(rollout, RolloutStatus.GATE_FAILED);
    RolloutState state = rollout.getState();
    assertThat(state.failedNodes()).containsExactly("gone");
    assertThat(state.evaluations().getLast().failuresByType())
        .containsEntry(FailureType.TIMEOUT, 1);
  }

  // --- operator verbs -------------------------------------------------------------------------

  @Test
  void rolloutAndBatches_areFoundByDeploymentTierVersionAndNode_andShowTheirStage()
      throws IOException {
    fleet(10);
    RolloutWorkflow rollout = startWithManualGateAfterCanary();

    awaitStatus(rollout, RolloutStatus.WAITING);
    Visibility canary = Visibility.await(rollout, v -> RolloutVisibility.CANARY.equals(v.stage()));
    assertThat(canary.stage()).isEqualTo("CANARY");
    assertThat(canary.attributes().get(NoderrSearchAttributes.DEPLOYMENT_ID)).isEqualTo(ID);
    assertThat(canary.attributes().get(NoderrSearchAttributes.VERSION)).isEqualTo(VERSION);
    assertThat(canary.attributes().get(NoderrSearchAttributes.TIER)).isEqualTo(TIERS);
    assertThat(canary.summary()).isEqualTo("Rollout of 1.5.0 to ALL, 2 stages, started by alice");
    Visibility firstBatch =
        Visibility.of(env.getWorkflowClient().newUntypedWorkflowStub(ID + "-batch-1"));
    assertThat(firstBatch.attributes().get(NoderrSearchAttributes.DEPLOYMENT_ID)).isEqualTo(ID);
    assertThat(firstBatch.attributes().get(NoderrSearchAttributes.NODE_ID))
        .singleElement()
        .isIn(registry.fleet.stream().map(NodeTarget::nodeId).toList());
    assertThat(firstBatch.stage()).isEqualTo("CANARY");
    assertThat(firstBatch.summary())
        .isEqualTo("Batch 1 of rollout-ALL-1.5.0: update of 1 node to 1.5.0, CANARY");

    rollout.promote(ADMIN);
    assertThat(result().status()).isEqualTo(RolloutStatus.SUCCEEDED);

    Visibility done = Visibility.of(rollout);
    assertThat(done.stage()).isEqualTo("SUCCEEDED");
    assertThat(done.summary()).endsWith(": SUCCEEDED, 10 updated, 0 failed, 0 rolled back");
    assertThat(
            Visibility.of(env.getWorkflowClient().newUntypedWorkflowStub(ID + "-batch-2")).stage())
        .isEqualTo("STAGE_2");
    recordHistory("manual-gate-promoted-searchable");
  }

  @Test
  void manualGate_waitsForPromote_andTimedPause_passesByItself() throws IOException {
    fleet(10);
    RolloutStrategy strategy =
        strategy(
            List.of(
                RolloutStep.percent(10, Pause.MANUAL, 0),
                RolloutStep.percent(50, Pause.TIMED, Duration.ofMinutes(30).toMillis()),
                RolloutStep.percent(100, Pause.NONE, 0)));
    RolloutWorkflow rollout = start(strategy);

    awaitStatus(rollout, RolloutStatus.WAITING);
    assertThat(rollout.getState().counts().updated()).isEqualTo(1);
    assertRefused(() -> rollout.promote(SRE), "only admins steer rollouts");
    rollout.promote(ADMIN);

    assertThat(result().status()).isEqualTo(RolloutStatus.SUCCEEDED);
    assertThat(registry.actions()).contains("rollout.promoted");
    recordHistory("manual-gate-promoted");
  }

  @Test
  void pause_holdsNewBatches_untilResume() {
    fleet(10);
    RolloutWorkflow rollout = startWithManualGateAfterCanary();
    awaitStatus(rollout, RolloutStatus.WAITING);

    rollout.pause(ADMIN);
    rollout.promote(ADMIN);
    assertRefused(() -> rollout.pause(ADMIN), "already paused");

    awaitStatus(rollout, RolloutStatus.PAUSED);
    assertThat(rollout.getState().counts().updated()).isEqualTo(1);
    rollout.resume(ADMIN);
    assertThat(result().status()).isEqualTo(RolloutStatus.SUCCEEDED);
  }

  @Test
  void abort_rollsBackEveryNodeAlreadyUpdated() throws IOException {
    fleet(10);
    RolloutWorkflow rollout =
        start(
            strategy(
                List.of(
                    RolloutStep.percent(30, Pause.MANUAL, 0),
                    RolloutStep.percent(100, Pause.NONE, 0))));
    awaitStatus(rollout, RolloutStatus.WAITING);

    assertRefused(
        () -> rollout.abort(new OperatorCommand("alice", Set.of("ADMIN"), " ")), "give a reason");
    rollout.abort(ADMIN);

    RolloutResult result = result();
    assertThat(result.status()).isEqualTo(RolloutStatus.ABORTED);
    assertThat(result.counts().rolledBack()).isEqualTo(3);
    assertThat(agents.values().stream().filter(a -> a.calls.contains("revert 1.5.0")).count())
        .isEqualTo(3);
    recordHistory("aborted");
  }

  @Test
  void rollback_afterCompletion_insideTheWindow_revertsEveryUpdatedNode() throws IOException {
    fleet(6);
    RolloutWorkflow rollout = start(strategy(steps(100)));
    awaitStatus(rollout, RolloutStatus.COMPLETED);

    assertRefused(() -> rollout.promote(ADMIN), "cannot be promoted");
    rollout.rollback(ADMIN);

    assertThat(result().status()).isEqualTo(RolloutStatus.ROLLED_BACK);
    assertThat(agents.values()).allMatch(a -> a.calls.contains("revert 1.5.0"));
    recordHistory("rolled-back-after-completion");
  }

  @Test
  void rollback_beforeCompletion_isRefused() {
    fleet(4);
    RolloutWorkflow rollout =
        start(
            strategy(
                List.of(
                    RolloutStep.percent(50, Pause.MANUAL, 0),
                    RolloutStep.percent(100, Pause.NONE, 0))));
    awaitStatus(rollout, RolloutStatus.WAITING);

    assertRefused(() -> rollout.rollback(ADMIN), "only a completed rollout");
    assertThat(history().getEvents())
        .noneMatch(
            e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED);
  }

  // --- fleet changes and windows --------------------------------------------------------------

  @Test
  void nodesJoiningMidRollout_enterAtTheCurrentStage() {
    fleet(10, "late-1");
    RolloutWorkflow rollout = startWithManualGateAfterCanary();
    awaitStatus(rollout, RolloutStatus.WAITING);

    registry.join("late-1", "op-1");
    rollout.promote(ADMIN);

    assertThat(result().counts().updated()).isEqualTo(11);
    assertThat(agents.get("late-1").calls).containsExactly("update 1.5.0");
  }

  @Test
  void nodesOutsideTheirMaintenanceWindow_waitForIt() {
    fleet(2);
    Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
    LocalTime inTwoHours = now.plus(Duration.ofHours(2)).atZone(ZoneOffset.UTC).toLocalTime();
    MaintenanceWindow window =
        new MaintenanceWindow(Set.of(DayOfWeek.values()), inTwoHours, Duration.ofHours(1), "UTC");
    RolloutStrategy base = strategy(steps(100));
    RolloutStrategy windowed =
        new RolloutStrategy(
            base.steps(),
            base.rate(),
            base.maxParallel(),
            Duration.ofHours(6).toMillis(),
            base.progressDeadlineMillis(),
            base.gates(),
            base.onGateFailure(),
            base.updateStrategy(),
            base.soakMillis(),
            base.rollbackWindowMillis(),
            List.of(new RolloutStrategy.WindowRule("op-1", "*", window)));

    RolloutWorkflow rollout = start(windowed);
    env.sleep(Duration.ofHours(3));
    awaitStatus(rollout, RolloutStatus.COMPLETED);

    assertThat(env.currentTimeMillis() - now.toEpochMilli())
        .isGreaterThanOrEqualTo(Duration.ofHours(2).minusMinutes(1).toMillis());
    assertThat(rollout.getState().counts().updated()).isEqualTo(2);
  }

  // --- update locks ---------------------------------------------------------------------------

  @Test
  void aNodeWhoseLockAnotherUpdateHolds_isAskedAgainUntilTheLeaseIsGone() {
    fleet(3);
    agents.get("node-1").lockedAnswers.set(2);

    RolloutResult result = run(strategy(steps(100)));

    assertThat(result.status()).isEqualTo(RolloutStatus.SUCCEEDED);
    assertThat(result.counts().updated()).isEqualTo(3);
    assertThat(agents.get("node-1").calls).hasSize(3);
  }

  @Test
  void aLockThatNeverGoes_failsTheNodeAsLocked_andARetryWithForceTakesItOver() throws IOException {
    fleet(4);
    agents.get("node-2").lockedUnlessForced = true;
    RolloutWorkflow rollout = start(withGateAction(strategy(steps(100)), GateFailureAction.PAUSE));
    awaitStatus(rollout, RolloutStatus.GATE_FAILED);
    assertThat(rollout.getState().evaluations().getLast().failuresByType())
        .containsEntry(FailureType.LOCKED, 1);

    assertRefused(
        () -> rollout.retry(new OperatorCommand("alice", Set.of("ADMIN"), " ", true)),
        "give a reason");
    rollout.retry(new OperatorCommand("alice", Set.of("ADMIN"), "u-0 is stuck", true));
    awaitStatus(rollout, RolloutStatus.COMPLETED);

    assertThat(rollout.getState().counts().updated()).isEqualTo(4);
    assertThat(rollout.getState().counts().failed()).isZero();
    assertThat(agents.get("node-2").calls).last().isEqualTo("update 1.5.0 (force)");
    assertThat(registry.actions()).contains("rollout.retry");
    assertThat(registry.progress)
        .anyMatch(step -> step.detail().contains("taking over update locks: u-0 is stuck"));
    recordHistory("lock-forced");
  }

  // --- size -----------------------------------------------------------------------------------

  @Test
  void aLongRollout_continuesAsNewBetweenBatches_andRollsBackAcrossExecutions() throws IOException {
    fleet(12);
    agents.get("node-3").failReverts = true;
    RolloutStrategy smallBatches = withMaxParallel(strategy(steps(50, 100)), 2);

    RolloutWorkflow rollout = start(smallBatches, 2);
    awaitStatus(rollout, RolloutStatus.COMPLETED);
    RolloutState completed = rollout.getState();
    rollout.rollback(ADMIN);
    RolloutResult result = result();

    assertThat(completed.counts().updated()).isEqualTo(12);
    assertThat(completed.evaluations()).hasSize(6);
    assertThat(result.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
    assertThat(result.counts().rolledBack()).isEqualTo(11);
    assertThat(result.counts().revertFailed()).isEqualTo(1);
    assertThat(agents.values())
        .as("no node updated or reverted twice across executions")
        .allMatch(a -> a.calls.equals(List.of("update 1.5.0", "revert 1.5.0")));
    assertThat(registry.actions())
        .containsSubsequence("rollout.started", "rollout.completed", "rollout.rolled_back")
        .containsOnlyOnce("rollout.started");
    List<WorkflowExecutionHistory> runs = executions();
    // 6 batches out, 6 back, 2 per execution.
    assertThat(runs).hasSizeGreaterThanOrEqualTo(6);
    assertThat(runs).allMatch(run -> run.getEvents().size() < 120);
    Visibility last = Visibility.of(rollout);
    assertThat(last.attributes().get(NoderrSearchAttributes.DEPLOYMENT_ID))
        .as("carried across executions")
        .isEqualTo(ID);
    assertThat(last.stage()).isEqualTo("ROLLED_BACK");
    recordHistory("continued-as-new", runs.getFirst());
    recordHistory("continued-as-new-last", runs.getLast());
  }

  @Test
  void aFailedRevert_isCountedApart_fromNodesThatNeverChanged() {
    fleet(4);
    agents.get("node-0").failReverts = true;
    agents.get("node-1").failUpdates = true;
    RolloutWorkflow rollout = start(withGateAction(strategy(steps(100)), GateFailureAction.PAUSE));
    awaitStatus(rollout, RolloutStatus.GATE_FAILED);

    rollout.abort(ADMIN);
    RolloutResult result = result();

    assertThat(result.status()).isEqualTo(RolloutStatus.ABORTED);
    assertThat(result.counts().rolledBack()).isEqualTo(2);
    assertThat(result.counts().revertFailed()).isEqualTo(1);
    assertThat(agents.get("node-1").calls)
        .as("a node that went back by itself is not asked again")
        .containsExactly("update 1.5.0");
  }

  @Test
  void aNodesAnswer_isRecordedUnderTheNodeAsked_neverUnderTheIdItNames() throws IOException {
    fleet(4);
    // node-0 is rogue: it answers FAILED in node-3's name, with a 10,000-character detail.
    agents.get("node-0").impersonate = "node-3";
    RolloutWorkflow rollout = start(withGateAction(strategy(steps(100)), GateFailureAction.PAUSE));
    awaitStatus(rollout, RolloutStatus.GATE_FAILED);

    List<NodeUpdateResult> recorded = registry.recordedResults();
    assertThat(recorded)
        .filteredOn(r -> r.outcome() == Outcome.FAILED)
        .singleElement()
        .satisfies(
            failed -> {
              assertThat(failed.nodeId()).isEqualTo("node-0");
              assertThat(failed.failure()).isEqualTo(FailureType.START_FAILED);
              assertThat(failed.detail()).hasSize(NodeAnswers.MAX_DETAIL);
              assertThat(failed.runningVersion()).hasSize(NodeAnswers.MAX_VERSION);
            });
    assertThat(recorded)
        .filteredOn(r -> r.nodeId().equals("node-3"))
        .singleElement()
        .extracting(NodeUpdateResult::outcome)
        .isEqualTo(Outcome.UPDATED);
    rollout.abort(ADMIN);
    result();
    recordHistory("rogue-answer-recorded-under-node-asked");
  }

  // --- a platform restart that loses every history (the embedded server) -----------------------

  @Test
  void rollout_writesItsCheckpointToTheRegistry_afterThePlanAndEveryBatch() throws IOException {
    fleet(6);

    RolloutResult result = run(withMaxParallel(strategy(steps(50, 100)), 2));

    assertThat(result.status()).isEqualTo(RolloutStatus.SUCCEEDED);
    assertThat(registry.checkpoints)
        .extracting(CheckpointWrite::phase, CheckpointWrite::position)
        .containsExactly(
            tuple("ROLLING_OUT", 0),
            tuple("ROLLING_OUT", 2),
            tuple("ROLLING_OUT", 3),
            tuple("ROLLING_OUT", 5),
            tuple("ROLLING_OUT", 6),
            tuple("COMPLETED", 6));
    RolloutInput stored = RolloutInputJson.read(registry.checkpoints.get(2).input());
    assertThat(stored.strategy()).isEqualTo(withMaxParallel(strategy(steps(50, 100)), 2));
    assertThat(stored.checkpoint().position()).isEqualTo(3);
    assertThat(stored.checkpoint().counts().updated()).isEqualTo(3);
    recordHistory("checkpointed");
  }

  @Test
  void restart_startsTheRolloutAgainFromItsCheckpoint_askingNoDoneNodeAgain() throws IOException {
    fleet(12);
    RolloutWorkflow first =
        start(
            withMaxParallel(
                strategy(
                    List.of(
                        RolloutStep.percent(50, Pause.MANUAL, 0),
                        RolloutStep.percent(100, Pause.NONE, 0))),
                2));
    awaitStatus(first, RolloutStatus.WAITING);
    // Killed during the third batch: the second batch's results were stored, its checkpoint
    // not; the third batch's nodes were asked and never answered.
    CheckpointWrite afterFirstBatch = checkpointAt("ROLLING_OUT", 2);
    List<String> inFlight = List.of(registry.order.get(4).nodeId(), registry.order.get(5).nodeId());
    inFlight.forEach(registry.results::remove);
    int lastStep = registry.progress.size();

    RolloutWorkflow again = restartPlatformFrom(afterFirstBatch, lastStep);
    awaitStatus(again, RolloutStatus.WAITING);
    again.promote(ADMIN);
    RolloutResult result = result();

    assertThat(result.status()).isEqualTo(RolloutStatus.SUCCEEDED);
    assertThat(result.counts().updated()).isEqualTo(12);
    for (NodeTarget node : registry.order) {
      FakeAgent agent = agents.get(node.nodeId());
      if (inFlight.contains(node.nodeId())) {
        assertThat(agent.updateIds)
            .as("an update in flight is asked again with the same update id")
            .containsExactly(ID + ":" + node.nodeId(), ID + ":" + node.nodeId());
      } else {
        assertThat(agent.calls).as(node.nodeId()).containsExactly("update 1.5.0");
      }
    }
    RolloutProgress resumed =
        registry.progress.stream()
            .filter(p -> p.action().equals("rollout.resumed"))
            .findFirst()
            .orElseThrow();
    assertThat(resumed.sequence()).isEqualTo(lastStep + 1);
    assertThat(resumed.status()).isEqualTo("RUNNING");
    assertThat(resumed.detail()).contains("at stage 1 of 2, 2 of 12 nodes handed out");
    // Its batches go on numbering from the checkpoint: no batch-1 child to record beside it.
    recordHistory("restarted-from-checkpoint", history());
  }

  @Test
  void restart_whileRollingBack_resumesTheRollback() {
    fleet(6);
    RolloutWorkflow first =
        start(
            withMaxParallel(
                strategy(
                    List.of(
                        RolloutStep.percent(50, Pause.MANUAL, 0),
                        RolloutStep.percent(100, Pause.NONE, 0))),
                1));
    awaitStatus(first, RolloutStatus.WAITING);
    first.abort(ADMIN);
    assertThat(result().status()).isEqualTo(RolloutStatus.ABORTED);
    // Killed after the first revert: the others were never asked.
    CheckpointWrite afterFirstRevert =
        registry.checkpoints.stream().filter(c -> c.phase().equals("ROLLING_BACK")).toList().get(1);
    for (int position = 1; position < 3; position++) {
      String nodeId = registry.order.get(position).nodeId();
      registry.results.put(
          nodeId, new NodeUpdateResult(nodeId, Outcome.UPDATED, null, "ok", VERSION, 5));
      agents.get(nodeId).calls.remove("revert 1.5.0");
    }

    restartPlatformFrom(afterFirstRevert, registry.progress.size());
    RolloutResult result = result();

    assertThat(result.status()).isEqualTo(RolloutStatus.ABORTED);
    assertThat(result.counts().rolledBack()).isEqualTo(3);
    for (int position = 0; position < 3; position++) {
      assertThat(agents.get(registry.order.get(position).nodeId()).calls)
          .containsExactly("update 1.5.0", "revert 1.5.0");
    }
    assertThat(registry.actions()).contains("rollout.resumed");
  }

  @Test
  void restart_insideTheRollbackWindow_keepsTheWindow_soTheFastRollbackStaysPossible() {
    fleet(4);
    RolloutWorkflow first = start(strategy(steps(100)));
    awaitStatus(first, RolloutStatus.COMPLETED);
    CheckpointWrite completed = checkpointAt("COMPLETED", 4);

    RolloutWorkflow again = restartPlatformFrom(completed, registry.progress.size());
    awaitStatus(again, RolloutStatus.COMPLETED);
    again.rollback(ADMIN);

    assertThat(result().status()).isEqualTo(RolloutStatus.ROLLED_BACK);
    assertThat(agents.values())
        .allMatch(a -> a.calls.equals(List.of("update 1.5.0", "revert 1.5.0")));
  }

  @Test
  void restart_whilePausedByAnOperator_staysPaused_untilResumed() {
    fleet(10);
    RolloutWorkflow first = startWithManualGateAfterCanary();
    awaitStatus(first, RolloutStatus.WAITING);
    first.pause(ADMIN);
    first.promote(ADMIN);
    awaitStatus(first, RolloutStatus.PAUSED);
    CheckpointWrite paused = registry.checkpoints.getLast();

    RolloutWorkflow again = restartPlatformFrom(paused, registry.progress.size());
    awaitStatus(again, RolloutStatus.PAUSED);
    assertThat(again.getState().counts().updated()).isEqualTo(1);
    again.resume(ADMIN);
    // The checkpoint was taken inside the step's manual gate: it is passed again.
    awaitStatus(again, RolloutStatus.WAITING);
    again.promote(ADMIN);

    assertThat(result().status()).isEqualTo(RolloutStatus.SUCCEEDED);
    assertThat(result().counts().updated()).isEqualTo(10);
  }

  /** The checkpoint written in {@code phase} at {@code position}, the first such. */
  private CheckpointWrite checkpointAt(String phase, int position) {
    return registry.checkpoints.stream()
        .filter(c -> c.phase().equals(phase) && c.position() == position)
        .findFirst()
        .orElseThrow();
  }

  /**
   * The embedded platform restarting: a new Temporal server that knows no history, the same
   * registry and nodes, and the rollout started again on its id from {@code checkpoint}, as the
   * worker's RolloutRestarts does.
   */
  private RolloutWorkflow restartPlatformFrom(CheckpointWrite checkpoint, int lastStep) {
    env.close();
    env = TestEnvironments.newInstance();
    Worker platform = env.newWorker(TaskQueues.PLATFORM);
    platform.registerWorkflowImplementationTypes(
        RolloutWorkflowImpl.class, NodeBatchWorkflowImpl.class);
    platform.registerActivitiesImplementations(registry);
    agents.forEach(
        (nodeId, agent) ->
            env.newWorker(TaskQueues.node(nodeId)).registerActivitiesImplementations(agent));
    env.start();
    RolloutInput input = RolloutInputJson.read(checkpoint.input()).restarted(lastStep);
    RolloutWorkflow rollout =
        env.getWorkflowClient()
            .newWorkflowStub(
                RolloutWorkflow.class, RolloutWorkflow.startOptions(ID, input).build());
    firstRunId = WorkflowClient.start(rollout::run, input).getRunId();
    return rollout;
  }

  // --- helpers --------------------------------------------------------------------------------

  private static List<RolloutStep> steps(int... percents) {
    List<RolloutStep> steps = new ArrayList<>();
    for (int percent : percents) {
      steps.add(RolloutStep.percent(percent, Pause.NONE, 0));
    }
    return steps;
  }

  private static RolloutStrategy strategy(List<RolloutStep> steps) {
    return new RolloutStrategy(
        steps,
        RateSchedule.UNLIMITED,
        500,
        Duration.ofMinutes(5).toMillis(),
        Duration.ofDays(2).toMillis(),
        GatePolicy.DEFAULT,
        GateFailureAction.ROLLBACK,
        NodeUpdateRequest.Strategy.HAND_OVER,
        0,
        Duration.ofHours(1).toMillis(),
        List.of());
  }

  private static RolloutStrategy withMaxParallel(RolloutStrategy s, int maxParallel) {
    return variant(s, maxParallel, s.onGateFailure());
  }

  private static RolloutStrategy withGateAction(RolloutStrategy s, GateFailureAction action) {
    return variant(s, s.maxParallel(), action);
  }

  private static RolloutStrategy variant(
      RolloutStrategy s, int maxParallel, GateFailureAction action) {
    return new RolloutStrategy(
        s.steps(),
        s.rate(),
        maxParallel,
        s.perNodeDeadlineMillis(),
        s.progressDeadlineMillis(),
        s.gates(),
        action,
        s.updateStrategy(),
        s.soakMillis(),
        s.rollbackWindowMillis(),
        s.maintenanceWindows());
  }

  /** 10% first, a manual gate, then everyone: a rollout that waits for the operator. */
  private RolloutWorkflow startWithManualGateAfterCanary() {
    return start(
        strategy(
            List.of(
                RolloutStep.percent(10, Pause.MANUAL, 0),
                RolloutStep.percent(100, Pause.NONE, 0))));
  }

  private RolloutWorkflow start(RolloutStrategy strategy) {
    return start(strategy, 0);
  }

  private RolloutWorkflow start(RolloutStrategy strategy, int batchesPerRun) {
    assertThat(strategy.problems()).isEmpty();
    RolloutInput input =
        new RolloutInput(
            VERSION,
            TIERS,
            "noderr/node:" + VERSION,
            "sha256:" + "ab".repeat(32),
            strategy,
            "alice",
            null,
            batchesPerRun,
            null);
    RolloutWorkflow rollout =
        env.getWorkflowClient()
            .newWorkflowStub(
                RolloutWorkflow.class, RolloutWorkflow.startOptions(ID, input).build());
    firstRunId = WorkflowClient.start(rollout::run, input).getRunId();
    return rollout;
  }

  private RolloutResult run(RolloutStrategy strategy) {
    start(strategy);
    return result();
  }

  private RolloutResult result() {
    return env.getWorkflowClient().newUntypedWorkflowStub(ID).getResult(RolloutResult.class);
  }

  private RolloutWorkflow stub() {
    return env.getWorkflowClient().newWorkflowStub(RolloutWorkflow.class, ID);
  }

  /** Lets the test server's clock run until the rollout reaches {@code status}. */
  private void awaitStatus(RolloutWorkflow rollout, RolloutStatus status) {
    Predicate<RolloutState> reached = state -> state.status() == status;
    for (int i = 0; i < 2_000 && !reached.test(rollout.getState()); i++) {
      env.sleep(Duration.ofSeconds(1));
    }
    assertThat(rollout.getState().status()).isEqualTo(status);
  }

  private void assertRefused(Runnable update, String reason) {
    assertThatThrownBy(update::run)
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining(reason);
  }

  private WorkflowExecutionHistory history() {
    return env.getWorkflowClient().fetchHistory(ID);
  }

  /** Every execution of the rollout, first to last, following continue-as-new. */
  private List<WorkflowExecutionHistory> executions() {
    List<WorkflowExecutionHistory> runs = new ArrayList<>();
    String runId = firstRunId;
    while (runId != null) {
      WorkflowExecutionHistory run = env.getWorkflowClient().fetchHistory(ID, runId);
      runs.add(run);
      HistoryEvent last = run.getLastEvent();
      runId =
          last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
              ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
              : null;
    }
    return runs;
  }

  private void recordHistory(String scenario) throws IOException {
    if (!Boolean.getBoolean("noderr.recordHistories")) {
      return;
    }
    recordHistory(scenario, history());
    // The first batch's child history, for NodeBatchWorkflow's own replay.
    Path batch = Path.of("src/test/resources/histories/node-batch", scenario + ".json");
    Files.createDirectories(batch.getParent());
    Files.writeString(batch, env.getWorkflowClient().fetchHistory(ID + "-batch-1").toJson(true));
  }

  private static void recordHistory(String scenario, WorkflowExecutionHistory history)
      throws IOException {
    if (!Boolean.getBoolean("noderr.recordHistories")) {
      return;
    }
    Path file = Path.of("src/test/resources/histories/rollout", scenario + ".json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, history.toJson(true));
  }
}
