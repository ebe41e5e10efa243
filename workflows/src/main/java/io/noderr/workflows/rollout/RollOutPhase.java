package io.noderr.workflows.rollout;

import io.noderr.activities.node.NodeUpdateResult;
import io.noderr.activities.node.NodeUpdateResult.Outcome;
import io.noderr.activities.rollout.CohortAnalysis;
import io.noderr.activities.rollout.CohortAnalysisActivities;
import io.noderr.activities.rollout.CohortAnalysisRequest;
import io.noderr.activities.rollout.NodeTarget;
import io.noderr.activities.rollout.PlanRequest;
import io.noderr.activities.rollout.RolloutActivities;
import io.noderr.activities.rollout.TargetPage;
import io.noderr.activities.rollout.TargetRange;
import io.noderr.workflows.rollout.GateEvaluation.Verdict;
import io.noderr.workflows.rollout.RolloutSteering.Hold;
import io.noderr.workflows.rollout.RolloutSteering.Retry;
import io.noderr.workflows.rollout.RolloutSteering.StopReason;
import io.noderr.workflows.rollout.RolloutStep.Pause;
import io.noderr.workflows.rollout.RolloutStrategy.GateFailureAction;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The way forward, stage after stage: hand out the stage's nodes in batches at the allowed pace,
 * let the gate judge each batch (its results, then the updated nodes' telemetry over their soak
 * when the gate has an analysis), wait while held (operator pause, failed gate set to pause), run
 * the retries operators ask for, then the step's timed pause or manual gate.
 */
final class RollOutPhase {

  /** Workflow.getVersion change id of the telemetry analysis after each batch. */
  static final String ANALYSIS = "gate-analysis";

  /** How long an analysis short of samples waits for more: one default report interval. */
  static final Duration ANALYSIS_WAIT = Duration.ofSeconds(10);

  /** How many times it waits before letting the batch through unjudged on ratios. */
  static final int ANALYSIS_WAITS = 3;

  private final RolloutInput input;
  private final RolloutStrategy strategy;
  private final RolloutActivities registry;
  private final CohortAnalysisActivities analysis;
  private final RolloutLedger ledger;
  private final RolloutSteering steering;
  private final RolloutReporter reporter;
  private final NodeBatches batches;
  private final ContinueAsNew continuation;
  private final RegistryCheckpoints checkpoints;

  RollOutPhase(
      RolloutInput input,
      RolloutActivities registry,
      CohortAnalysisActivities analysis,
      RolloutLedger ledger,
      RolloutSteering steering,
      RolloutReporter reporter,
      NodeBatches batches,
      ContinueAsNew continuation,
      RegistryCheckpoints checkpoints) {
    this.input = input;
    this.strategy = input.strategy();
    this.registry = registry;
    this.analysis = analysis;
    this.ledger = ledger;
    this.steering = steering;
    this.reporter = reporter;
    this.batches = batches;
    this.continuation = continuation;
    this.checkpoints = checkpoints;
  }

  /** Plans the rollout's targets; {@code extend} adds nodes that joined since, at this stage. */
  void plan(boolean extend) {
    RolloutStep first = strategy.steps().getFirst();
    ledger.total =
        registry
            .plan(
                new PlanRequest(
                    RolloutReporter.rolloutId(),
                    input.tiers(),
                    input.version(),
                    first.percent() == null ? 0 : first.percent(),
                    first.count() == null ? 0 : first.count(),
                    extend))
            .total();
  }

  /** Runs the stages left; {@code resumedMidStage} when a continued execution picks one up. */
  void run(boolean resumedMidStage) {
    List<RolloutStep> steps = strategy.steps();
    for (; ledger.stageIndex < steps.size() && !steering.stopping(); ledger.stageIndex++) {
      if (ledger.stageIndex > 0 && !resumedMidStage) {
        // Nodes that joined since the plan enter here, at the current stage.
        plan(true);
      }
      resumedMidStage = false;
      runStage(strategy.stageTargets(ledger.total).get(ledger.stageIndex));
      // A gate that failed on the stage's last batch (strategy: pause) holds the stage here.
      awaitRunnable();
      if (!steering.stopping() && ledger.stageIndex < steps.size() - 1) {
        reporter.queue(
            "system",
            "rollout.stage-done",
            "stage " + ledger.stage() + " done: " + ledger.position + " of " + ledger.total);
        awaitStepPause(steps.get(ledger.stageIndex));
      }
    }
  }

  private void runStage(int target) {
    while (ledger.position < target && !steering.stopping()) {
      awaitRunnable();
      if (steering.stopping()) {
        return;
      }
      int size =
          Math.min(
              Math.min(NodeBatches.BATCH_SIZE, strategy.maxParallel()), target - ledger.position);
      size = (int) Math.min(size, rateAllowance());
      if (size == 0) {
        Workflow.sleep(
            Duration.ofMillis(strategy.rate().waitBeforeNext(ledger.position, runningMillis())));
        continue;
      }
      TargetPage page =
          registry.targets(
              new TargetRange(
                  RolloutReporter.rolloutId(), ledger.position, ledger.position + size));
      ledger.position += size;
      // Results already stored count as they were (only after a restart is a range not fresh).
      page.recorded().forEach(ledger::count);
      long batchStarted = Workflow.currentTimeMillis();
      judge(batches.run(page.nodes(), false, false), batchStarted);
      checkProgressDeadline();
      reporter.record();
      if (!steering.stopping()) {
        // Stopping, the rollback writes its own checkpoint first thing; one lost in between is
        // taken again from this batch's stored results, which the gate judges the same way.
        checkpoints.write();
      }
      continuation.ifDue();
    }
  }

  private void judge(List<NodeUpdateResult> results, long batchStartedMillis) {
    results.forEach(ledger::count);
    GateEvaluation evaluation = ledger.judge(strategy.gates(), Workflow.currentTimeMillis());
    // Only rollouts whose gate has an analysis reach getVersion: older histories never had one.
    if (evaluation.verdict() != Verdict.FAIL
        && strategy.gates().analysis().enabled()
        && Workflow.getVersion(ANALYSIS, Workflow.DEFAULT_VERSION, 1) >= 1) {
      evaluation = analyze(results, batchStartedMillis, evaluation);
    }
    if (evaluation.verdict() == Verdict.FAIL) {
      ledger.reason = "gate failed at stage " + ledger.stage() + ": " + evaluation.reason();
      reporter.queue("system", "rollout.gate-failed", ledger.reason);
      if (strategy.onGateFailure() == GateFailureAction.ROLLBACK) {
        steering.stop(StopReason.GATE_FAILED);
      } else {
        steering.hold(Hold.GATE_FAILED);
      }
    }
  }

  /**
   * The updated nodes' telemetry since the batch started against the baseline's, judged by the
   * gate's analysis; a batch that updated no node has nothing to analyse.
   */
  private GateEvaluation analyze(
      List<NodeUpdateResult> results, long fromMillis, GateEvaluation evaluation) {
    List<String> cohort =
        results.stream()
            .filter(r -> r.outcome() == Outcome.UPDATED)
            .map(NodeUpdateResult::nodeId)
            .toList();
    if (cohort.isEmpty()) {
      return evaluation;
    }
    AnalysisPolicy policy = strategy.gates().analysis();
    AnalysisEvaluation judged = analyzeUntil(cohort, fromMillis, policy);
    // Reports of the new version may still be on their way (agents report every 10 s): too few
    // samples wait for more, a few times, before the batch is let through unjudged on ratios.
    for (int wait = 0; judged.verdict() == Verdict.WAIT && wait < ANALYSIS_WAITS; wait++) {
      Workflow.sleep(ANALYSIS_WAIT);
      judged = analyzeUntil(cohort, fromMillis, policy);
    }
    return ledger.amendLatest(judged);
  }

  private AnalysisEvaluation analyzeUntil(
      List<String> cohort, long fromMillis, AnalysisPolicy policy) {
    long toMillis = Workflow.currentTimeMillis();
    CohortAnalysis numbers =
        analysis.analyzeCohort(
            new CohortAnalysisRequest(
                RolloutReporter.rolloutId(),
                cohort,
                input.tiers(),
                input.version(),
                fromMillis,
                toMillis));
    return AnalysisJudge.judge(policy, numbers, fromMillis, toMillis);
  }

  /** Waits while paused by an operator or stopped by a gate set to pause; runs retries asked. */
  private void awaitRunnable() {
    while (steering.held() && !steering.stoppedBy(StopReason.ABORTED)) {
      long since = Workflow.currentTimeMillis();
      reporter.setStatus(
          steering.heldBy(Hold.GATE_FAILED) ? RolloutStatus.GATE_FAILED : RolloutStatus.PAUSED);
      // Held for as long as operators take: a restart meanwhile must find it held, not running.
      checkpoints.write();
      reporter.awaitRecording(
          () ->
              !steering.held() || steering.stoppedBy(StopReason.ABORTED) || steering.retryAsked());
      ledger.pausedMillis += Workflow.currentTimeMillis() - since;
      retryIfAsked();
    }
    if (!steering.stopping()) {
      reporter.setStatus(RolloutStatus.RUNNING);
    }
  }

  /** A step's timed pause or manual gate, which promote skips. */
  private void awaitStepPause(RolloutStep step) {
    if (step.pause() == Pause.NONE) {
      return;
    }
    reporter.setStatus(RolloutStatus.WAITING);
    steering.promoteRequested = false;
    long since = Workflow.currentTimeMillis();
    Supplier<Boolean> released =
        () -> steering.promoteRequested || steering.stoppedBy(StopReason.ABORTED);
    if (step.pause() == Pause.TIMED) {
      long end = since + step.pauseMillis();
      while (!released.get() && Workflow.currentTimeMillis() < end) {
        Workflow.await(
            Duration.ofMillis(end - Workflow.currentTimeMillis()),
            () -> released.get() || reporter.hasUnrecorded() || steering.retryAsked());
        reporter.record();
        retryIfAsked();
      }
    } else {
      while (!released.get()) {
        reporter.awaitRecording(() -> released.get() || steering.retryAsked());
        retryIfAsked();
      }
    }
    ledger.pausedMillis += Workflow.currentTimeMillis() - since;
    awaitRunnable();
  }

  /** Runs the failed nodes once more, when an operator asked; the gate judges them afresh. */
  private void retryIfAsked() {
    Retry asked = steering.takeRetry();
    if (asked == Retry.NONE) {
      return;
    }
    boolean force = asked == Retry.FAILED_NODES_TAKING_OVER_LOCKS;
    List<NodeTarget> again = ledger.takeFailedNodes();
    steering.lift(Hold.GATE_FAILED);
    ledger.restartTally();
    RolloutStatus before = ledger.status;
    reporter.setStatus(RolloutStatus.RUNNING);
    for (int from = 0; from < again.size(); from += NodeBatches.BATCH_SIZE) {
      long batchStarted = Workflow.currentTimeMillis();
      judge(
          batches.run(
              again.subList(from, Math.min(again.size(), from + NodeBatches.BATCH_SIZE)),
              false,
              force),
          batchStarted);
    }
    if (!steering.heldBy(Hold.GATE_FAILED) && !steering.stoppedBy(StopReason.GATE_FAILED)) {
      reporter.setStatus(before);
    }
  }

  private void checkProgressDeadline() {
    if (runningMillis() > strategy.progressDeadlineMillis()) {
      steering.stop(StopReason.DEADLINE_PASSED);
      ledger.reason =
          "progress deadline of "
              + Duration.ofMillis(strategy.progressDeadlineMillis())
              + " passed at "
              + ledger.position
              + " of "
              + ledger.total
              + " nodes";
      reporter.queue("system", "rollout.deadline", ledger.reason);
    }
  }

  /** Starts the rate schedule still allows now. */
  private long rateAllowance() {
    long allowed = strategy.rate().allowedBy(runningMillis());
    return Math.max(0, allowed - ledger.position);
  }

  private long runningMillis() {
    return ledger.runningMillis(Workflow.currentTimeMillis());
  }
}
