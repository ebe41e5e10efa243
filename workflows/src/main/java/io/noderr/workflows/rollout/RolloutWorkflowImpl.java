package io.noderr.workflows.rollout;

import io.noderr.activities.node.NodeUpdateResult;
import io.noderr.activities.node.NodeUpdateResult.FailureType;
import io.noderr.activities.node.NodeUpdateResult.Outcome;
import io.noderr.activities.rollout.NodeTarget;
import io.noderr.activities.rollout.PlanRequest;
import io.noderr.activities.rollout.RolloutActivities;
import io.noderr.activities.rollout.RolloutProgress;
import io.noderr.activities.rollout.TargetPage;
import io.noderr.activities.rollout.TargetRange;
import io.noderr.workflows.PlatformActivityOptions;
import io.noderr.workflows.rollout.GateEvaluation.Verdict;
import io.noderr.workflows.rollout.RolloutStep.Pause;
import io.noderr.workflows.rollout.RolloutStrategy.GateFailureAction;
import io.noderr.workflows.search.VisibleProgress;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;

public class RolloutWorkflowImpl implements RolloutWorkflow {

  private static final Logger log = Workflow.getLogger(RolloutWorkflowImpl.class);

  /** Nodes per child workflow: far below 2,000 pending activities and the history limits. */
  static final int BATCH_SIZE = 500;

  /** Failed nodes kept for retry and shown in the state; more are counted, not listed. */
  static final int MAX_FAILED_LISTED = 1_000;

  private static final int EVALUATIONS_KEPT = 50;

  /** Registry calls are idempotent; they retry through database outages. */
  private final RolloutActivities registry =
      Workflow.newActivityStub(
          RolloutActivities.class,
          PlatformActivityOptions.retryingThroughOutages(Duration.ofMinutes(2)));

  private final RolloutInput input;
  private final RolloutStrategy strategy;
  private RolloutStatus status = RolloutStatus.PLANNING;
  private int stageIndex;
  private int total;
  private int position;
  private int batches;
  private StageTally tally = new StageTally();
  private final Deque<GateEvaluation> evaluations = new ArrayDeque<>();
  private final Map<String, NodeTarget> failedNodes = new LinkedHashMap<>();
  private int updated;
  private int alreadyAtTarget;
  private int failed;
  private int reverted;
  private int rolledBack;
  private int revertFailed;
  private String reason;
  private long startedAtMillis;
  private long pausedMillis;
  private long nodeWorkMillis;

  // Operator requests, set by Update handlers and acted on by the main loop.
  private boolean pausedByOperator;
  private boolean gateFailed;
  private boolean promoteRequested;
  private boolean abortRequested;
  private boolean retryRequested;
  private boolean forceLocksOnRetry;
  private boolean rollbackRequested;
  private boolean rollBackForGate;
  private boolean deadlinePassed;

  private final Deque<RolloutProgress> unrecorded = new ArrayDeque<>();
  private int steps;

  /** Stage and summary in the Temporal UI; set first thing in {@link #run}. */
  private VisibleProgress visible;

  // Continue-as-new bookkeeping.
  private RolloutCheckpoint.Phase phase = RolloutCheckpoint.Phase.ROLLING_OUT;
  private int batchesThisRun;
  private int revertedUpTo;

  @WorkflowInit
  public RolloutWorkflowImpl(RolloutInput input) {
    this.input = input;
    this.strategy = input.strategy();
  }

  @Override
  public RolloutResult run(RolloutInput ignored) {
    boolean resumedMidStage = input.checkpoint() != null;
    // A continued execution does not know what the previous one showed: it shows it afresh.
    visible =
        resumedMidStage
            ? new VisibleProgress(null, null)
            : new VisibleProgress(RolloutStatus.PLANNING.name(), RolloutVisibility.summary(input));
    if (resumedMidStage) {
      restore(input.checkpoint());
    } else {
      startedAtMillis = Workflow.currentTimeMillis();
      queue(input.requestedBy(), "rollout.started", describeStart());
      recordSteps();
      total = registry.plan(planRequest(false)).total();
    }
    setStatus(RolloutStatus.RUNNING);
    if (phase == RolloutCheckpoint.Phase.ROLLING_BACK) {
      rollBack();
      return ended();
    }
    List<RolloutStep> stepsOfStrategy = strategy.steps();
    for (; stageIndex < stepsOfStrategy.size() && !stopping(); stageIndex++) {
      if (stageIndex > 0 && !resumedMidStage) {
        // Nodes that joined since the plan enter here, at the current stage.
        total = registry.plan(planRequest(true)).total();
      }
      resumedMidStage = false;
      runStage(strategy.stageTargets(total).get(stageIndex));
      // A gate that failed on the stage's last batch (strategy: pause) holds the stage here.
      awaitRunnable();
      if (!stopping() && stageIndex < stepsOfStrategy.size() - 1) {
        queue(
            "system",
            "rollout.stage-done",
            "stage " + stage() + " done: " + position + " of " + total);
        awaitStepPause(stepsOfStrategy.get(stageIndex));
      }
    }
    finish();
    return ended();
  }

  private RolloutResult ended() {
    recordSteps();
    Workflow.await(Workflow::isEveryHandlerFinished);
    recordSteps();
    log.info("rollout {} ended {}", rolloutId(), status);
    return new RolloutResult(rolloutId(), status, counts(), reason);
  }

  private void runStage(int target) {
    while (position < target && !stopping()) {
      awaitRunnable();
      if (stopping()) {
        return;
      }
      int size = Math.min(Math.min(BATCH_SIZE, strategy.maxParallel()), target - position);
      size = (int) Math.min(size, rateAllowance());
      if (size == 0) {
        Workflow.sleep(
            Duration.ofMillis(strategy.rate().waitBeforeNext(position, runningMillis())));
        continue;
      }
      TargetPage page = registry.targets(new TargetRange(rolloutId(), position, position + size));
      position += size;
      tallyBatch(runBatch(page.nodes(), false));
      checkProgressDeadline();
      recordSteps();
      continueAsNewIfDue();
    }
  }

  private void tallyBatch(List<NodeUpdateResult> results) {
    for (NodeUpdateResult result : results) {
      tally.add(result);
      nodeWorkMillis += result.millis();
      switch (result.outcome()) {
        case UPDATED -> updated++;
        case ALREADY_AT_TARGET -> alreadyAtTarget++;
        case ROLLED_BACK -> rolledBack++;
        case REVERTED, FAILED -> {
          if (result.outcome() == Outcome.REVERTED) {
            reverted++;
          }
          failed++;
        }
      }
    }
    GateEvaluation evaluation =
        GateEvaluator.evaluate(stage(), strategy.gates(), tally, Workflow.currentTimeMillis());
    evaluations.addLast(evaluation);
    if (evaluations.size() > EVALUATIONS_KEPT) {
      evaluations.removeFirst();
    }
    if (evaluation.verdict() == Verdict.FAIL) {
      gateFailed(evaluation);
    }
  }

  private void gateFailed(GateEvaluation evaluation) {
    reason = "gate failed at stage " + stage() + ": " + evaluation.reason();
    queue("system", "rollout.gate-failed", reason);
    if (strategy.onGateFailure() == GateFailureAction.ROLLBACK) {
      rollBackForGate = true;
    } else {
      gateFailed = true;
    }
  }

  private List<NodeUpdateResult> runBatch(List<NodeTarget> nodes, boolean reverting) {
    return runBatch(nodes, reverting, false);
  }

  private List<NodeUpdateResult> runBatch(
      List<NodeTarget> nodes, boolean reverting, boolean forceLocks) {
    if (nodes.isEmpty()) {
      return List.of();
    }
    batches++;
    batchesThisRun++;
    showProgress();
    NodeBatchInput batchInput =
        new NodeBatchInput(
            rolloutId(),
            stage(),
            reverting,
            nodes,
            input.version(),
            input.image(),
            input.imageDigest(),
            strategy,
            forceLocks);
    ChildWorkflowOptions.Builder options =
        NodeBatchWorkflow.childOptions(rolloutId() + "-batch-" + batches);
    if (visible.enabled()) {
      NodeBatchWorkflow.visible(options, batches, batchInput);
    }
    NodeBatchWorkflow batch =
        Workflow.newChildWorkflowStub(NodeBatchWorkflow.class, options.build());
    List<NodeUpdateResult> results = batch.run(batchInput).results();
    Map<String, NodeTarget> byId = new LinkedHashMap<>();
    nodes.forEach(n -> byId.put(n.nodeId(), n));
    for (NodeUpdateResult result : results) {
      boolean failedNow = StageTally.isFailure(result.outcome());
      if (failedNow && !reverting && failedNodes.size() < MAX_FAILED_LISTED) {
        failedNodes.put(result.nodeId(), byId.get(result.nodeId()));
      }
    }
    return results;
  }

  /** Waits while paused by an operator or stopped by a gate set to pause; runs retries asked. */
  private void awaitRunnable() {
    while ((pausedByOperator || gateFailed) && !abortRequested) {
      long since = Workflow.currentTimeMillis();
      setStatus(gateFailed ? RolloutStatus.GATE_FAILED : RolloutStatus.PAUSED);
      awaitWithRecording(
          () -> !(pausedByOperator || gateFailed) || abortRequested || retryRequested);
      pausedMillis += Workflow.currentTimeMillis() - since;
      retryIfAsked();
    }
    if (!stopping()) {
      setStatus(RolloutStatus.RUNNING);
    }
  }

  /** A step's timed pause or manual gate, which promote skips. */
  private void awaitStepPause(RolloutStep step) {
    if (step.pause() == Pause.NONE) {
      return;
    }
    setStatus(RolloutStatus.WAITING);
    promoteRequested = false;
    long since = Workflow.currentTimeMillis();
    Supplier<Boolean> released = () -> promoteRequested || abortRequested;
    if (step.pause() == Pause.TIMED) {
      long end = since + step.pauseMillis();
      while (!released.get() && Workflow.currentTimeMillis() < end) {
        Workflow.await(
            Duration.ofMillis(end - Workflow.currentTimeMillis()),
            () -> released.get() || !unrecorded.isEmpty() || retryRequested);
        recordSteps();
        retryIfAsked();
      }
    } else {
      while (!released.get()) {
        awaitWithRecording(() -> released.get() || retryRequested);
        retryIfAsked();
      }
    }
    pausedMillis += Workflow.currentTimeMillis() - since;
    awaitRunnable();
  }

  /** Runs the failed nodes once more, when an operator asked. */
  private void retryIfAsked() {
    if (!retryRequested) {
      return;
    }
    retryRequested = false;
    boolean force = forceLocksOnRetry;
    forceLocksOnRetry = false;
    List<NodeTarget> again = new ArrayList<>(failedNodes.values());
    failedNodes.clear();
    failed -= again.size();
    gateFailed = false;
    tally = new StageTally();
    RolloutStatus before = status;
    setStatus(RolloutStatus.RUNNING);
    for (int from = 0; from < again.size(); from += BATCH_SIZE) {
      tallyBatch(
          runBatch(again.subList(from, Math.min(again.size(), from + BATCH_SIZE)), false, force));
    }
    if (!gateFailed && !rollBackForGate) {
      setStatus(before);
    }
  }

  private void finish() {
    if (abortRequested || rollBackForGate || deadlinePassed) {
      rollBack();
      return;
    }
    setStatus(RolloutStatus.COMPLETED);
    queue("system", "rollout.completed", updated + " updated, " + failed + " failed");
    if (Workflow.getVersion("record-completed", Workflow.DEFAULT_VERSION, 1) >= 1) {
      // The read model says COMPLETED now, not when the rollback window closes.
      recordSteps();
    }
    boolean asked =
        Workflow.await(Duration.ofMillis(strategy.rollbackWindowMillis()), () -> rollbackRequested);
    if (asked) {
      rollBack();
    } else {
      setStatus(RolloutStatus.SUCCEEDED);
      queue("system", "rollout.succeeded", "rollback window closed");
    }
  }

  private void rollBack() {
    revertEveryTouchedNode();
    setStatus(abortRequested ? RolloutStatus.ABORTED : RolloutStatus.ROLLED_BACK);
    queue(
        "system",
        "rollout." + status.name().toLowerCase(),
        rolledBack
            + " nodes rolled back"
            + (revertFailed == 0 ? "" : ", " + revertFailed + " could not be"));
  }

  /**
   * The fast path: every node this rollout may have changed, back to its previous release, no
   * gates. Nodes that never changed are not asked (see {@link RolloutActivities#touched}).
   */
  private void revertEveryTouchedNode() {
    phase = RolloutCheckpoint.Phase.ROLLING_BACK;
    setStatus(RolloutStatus.ROLLING_BACK);
    recordSteps();
    int limit = Math.min(BATCH_SIZE, strategy.maxParallel());
    while (revertedUpTo < position) {
      int to = Math.min(position, revertedUpTo + limit);
      TargetPage page = registry.touched(new TargetRange(rolloutId(), revertedUpTo, to));
      for (NodeUpdateResult result : runBatch(page.nodes(), true)) {
        if (result.outcome() == Outcome.ROLLED_BACK) {
          rolledBack++;
        } else if (result.failure() != FailureType.NOTHING_TO_REVERT) {
          revertFailed++;
        }
      }
      revertedUpTo = to;
      continueAsNewIfDue();
    }
  }

  // --- continue-as-new ------------------------------------------------------------------------

  /**
   * Between batches, once this execution ran its share of batches (or the server suggests it), the
   * rollout goes on in a fresh execution with the same id: histories stay small for any fleet size.
   * Not while paused or stopping (those states wait on operators, not on batches) and only with no
   * Update handler running.
   */
  private void continueAsNewIfDue() {
    boolean due =
        batchesThisRun >= input.effectiveBatchesPerRun()
            || Workflow.getInfo().isContinueAsNewSuggested();
    boolean between =
        phase == RolloutCheckpoint.Phase.ROLLING_BACK
            ? revertedUpTo < position
            : !stopping() && !pausedByOperator && !gateFailed && !retryRequested;
    if (!due
        || !between
        || !Workflow.isEveryHandlerFinished()
        || Workflow.getVersion("continue-as-new", Workflow.DEFAULT_VERSION, 1) < 1) {
      return;
    }
    recordSteps();
    log.info("rollout {} continues as new after {} batches", rolloutId(), batches);
    Workflow.continueAsNew(input.continuedFrom(checkpoint()));
  }

  private RolloutCheckpoint checkpoint() {
    return new RolloutCheckpoint(
        phase,
        stageIndex,
        total,
        position,
        batches,
        revertedUpTo,
        counts(),
        reason,
        startedAtMillis,
        pausedMillis,
        steps,
        abortRequested,
        tally.snapshot(),
        new ArrayList<>(evaluations),
        new ArrayList<>(failedNodes.values()));
  }

  private void restore(RolloutCheckpoint at) {
    phase = at.phase();
    stageIndex = at.stageIndex();
    total = at.total();
    position = at.position();
    batches = at.batches();
    revertedUpTo = at.revertedUpTo();
    updated = at.counts().updated();
    alreadyAtTarget = at.counts().alreadyAtTarget();
    failed = at.counts().failed();
    reverted = at.counts().reverted();
    rolledBack = at.counts().rolledBack();
    revertFailed = at.counts().revertFailed();
    reason = at.reason();
    startedAtMillis = at.startedAtMillis();
    pausedMillis = at.pausedMillis();
    steps = at.steps();
    abortRequested = at.abortRequested();
    tally = StageTally.restore(at.tally());
    evaluations.addAll(at.evaluations());
    at.failedNodes().forEach(node -> failedNodes.put(node.nodeId(), node));
  }

  private void checkProgressDeadline() {
    if (runningMillis() > strategy.progressDeadlineMillis()) {
      deadlinePassed = true;
      reason =
          "progress deadline of "
              + Duration.ofMillis(strategy.progressDeadlineMillis())
              + " passed at "
              + position
              + " of "
              + total
              + " nodes";
      queue("system", "rollout.deadline", reason);
    }
  }

  /** Starts the rate schedule still allows now. */
  private long rateAllowance() {
    long allowed = strategy.rate().allowedBy(runningMillis());
    return Math.max(0, allowed - position);
  }

  /** Time spent running, not paused by operators or steps. */
  private long runningMillis() {
    return Workflow.currentTimeMillis() - startedAtMillis - pausedMillis;
  }

  private boolean stopping() {
    return abortRequested || rollBackForGate || deadlinePassed;
  }

  // --- operator verbs -------------------------------------------------------------------------

  @Override
  public RolloutState pause(OperatorCommand command) {
    pausedByOperator = true;
    queue(command.actor(), "rollout.paused", command.reason());
    return getState();
  }

  @Override
  public void validatePause(OperatorCommand command) {
    requireOperator(command);
    if (pausedByOperator) {
      throw refused("the rollout is already paused");
    }
    requireStatus("paused", RolloutStatus.RUNNING, RolloutStatus.WAITING, RolloutStatus.PLANNING);
  }

  @Override
  public RolloutState resume(OperatorCommand command) {
    if (gateFailed) {
      // The operator accepts the failures so far; the gate judges what comes next afresh.
      tally = new StageTally();
      queue(command.actor(), "rollout.gate-overridden", command.reason());
    }
    pausedByOperator = false;
    gateFailed = false;
    queue(command.actor(), "rollout.resumed", command.reason());
    return getState();
  }

  @Override
  public void validateResume(OperatorCommand command) {
    requireOperator(command);
    if (!pausedByOperator && !gateFailed) {
      throw refused("the rollout is " + describe() + ", not paused");
    }
  }

  @Override
  public RolloutState promote(OperatorCommand command) {
    promoteRequested = true;
    queue(command.actor(), "rollout.promoted", "stage " + stage() + ": " + command.reason());
    return getState();
  }

  @Override
  public void validatePromote(OperatorCommand command) {
    requireOperator(command);
    requireStatus("promoted", RolloutStatus.WAITING);
  }

  @Override
  public RolloutState abort(OperatorCommand command) {
    abortRequested = true;
    reason = "aborted by " + command.actor() + ": " + command.reason();
    queue(command.actor(), "rollout.abort-requested", command.reason());
    return getState();
  }

  @Override
  public void validateAbort(OperatorCommand command) {
    requireOperator(command);
    requireReason(command);
    if (status.isFinal()
        || status == RolloutStatus.ROLLING_BACK
        || status == RolloutStatus.COMPLETED
        || abortRequested) {
      throw refused(
          "the rollout is "
              + describe()
              + (status == RolloutStatus.COMPLETED ? "; use rollback" : "")
              + " and cannot be aborted");
    }
  }

  @Override
  public RolloutState retry(OperatorCommand command) {
    retryRequested = true;
    forceLocksOnRetry = command.forceLocks();
    queue(
        command.actor(),
        "rollout.retry",
        failedNodes.size()
            + " failed nodes"
            + (command.forceLocks() ? ", taking over update locks: " + command.reason() : ""));
    return getState();
  }

  @Override
  public void validateRetry(OperatorCommand command) {
    requireOperator(command);
    requireStatus(
        "retried", RolloutStatus.PAUSED, RolloutStatus.GATE_FAILED, RolloutStatus.WAITING);
    if (failedNodes.isEmpty()) {
      throw refused("no failed nodes to retry");
    }
    if (command.forceLocks()) {
      requireReason(command);
    }
  }

  @Override
  public RolloutState rollback(OperatorCommand command) {
    rollbackRequested = true;
    reason = "rolled back by " + command.actor() + ": " + command.reason();
    queue(command.actor(), "rollout.rollback-requested", command.reason());
    return getState();
  }

  @Override
  public void validateRollback(OperatorCommand command) {
    requireOperator(command);
    requireReason(command);
    requireStatus(
        "rolled back (only a completed rollout, inside its rollback window)",
        RolloutStatus.COMPLETED);
  }

  @Override
  public RolloutState getState() {
    return new RolloutState(
        rolloutId(),
        status,
        status == RolloutStatus.PLANNING ? 0 : stage(),
        strategy.steps().size(),
        total,
        position,
        counts(),
        new ArrayList<>(evaluations),
        new ArrayList<>(failedNodes.keySet()),
        eta(),
        reason,
        status == RolloutStatus.PLANNING ? List.of() : strategy.stageTargets(total));
  }

  private RolloutState.Counts counts() {
    return new RolloutState.Counts(
        updated,
        alreadyAtTarget,
        failed,
        reverted,
        rolledBack,
        Math.max(0, total - position),
        revertFailed);
  }

  /** Remaining nodes at the pace so far (running time per node handed out). */
  private long eta() {
    if (position == 0 || status.isFinal() || position >= total) {
      return 0;
    }
    long perNode = runningMillis() / position;
    return Workflow.currentTimeMillis() + perNode * (total - position);
  }

  private void requireOperator(OperatorCommand command) {
    if (command == null || command.actor() == null || command.actor().isBlank()) {
      throw refused("the command names no one");
    }
    if (!command.mayOperate()) {
      throw refused(command.actor() + " is not an admin; only admins steer rollouts");
    }
    if (command.reason() != null && command.reason().length() > 500) {
      throw refused("the reason is longer than 500 characters");
    }
  }

  private static void requireReason(OperatorCommand command) {
    if (command.reason() == null || command.reason().isBlank()) {
      throw refused("give a reason (it goes to the audit log)");
    }
  }

  private void requireStatus(String verb, RolloutStatus... allowed) {
    if (!List.of(allowed).contains(status)) {
      throw refused("the rollout is " + describe() + " and cannot be " + verb);
    }
  }

  // --- recording ------------------------------------------------------------------------------

  private void awaitWithRecording(Supplier<Boolean> until) {
    while (!until.get()) {
      Workflow.await(() -> until.get() || !unrecorded.isEmpty());
      recordSteps();
    }
    recordSteps();
  }

  private void queue(String actor, String action, String detail) {
    steps++;
    unrecorded.add(
        new RolloutProgress(
            rolloutId(),
            input.version(),
            status.name(),
            stage(),
            strategy.steps().size(),
            total,
            updated,
            failed,
            steps,
            actor,
            action,
            detail));
  }

  private void recordSteps() {
    while (!unrecorded.isEmpty()) {
      registry.recordProgress(unrecorded.poll());
    }
  }

  private void setStatus(RolloutStatus next) {
    status = next;
    showProgress();
  }

  /** The current stage (it moves with the status and with each stage's first batch). */
  private void showProgress() {
    visible.show(
        RolloutVisibility.stage(status, stage(), strategy.steps().size()),
        RolloutVisibility.summary(input, status, counts()));
  }

  private PlanRequest planRequest(boolean extend) {
    RolloutStep first = strategy.steps().getFirst();
    return new PlanRequest(
        rolloutId(),
        input.tiers(),
        input.version(),
        first.percent() == null ? 0 : first.percent(),
        first.count() == null ? 0 : first.count(),
        extend);
  }

  private String describeStart() {
    return input.version()
        + " ("
        + input.imageDigest()
        + ") to "
        + String.join(", ", input.tiers())
        + " in "
        + strategy.steps().size()
        + " stages"
        + (input.reason() == null ? "" : ": " + input.reason());
  }

  private int stage() {
    return Math.min(stageIndex, strategy.steps().size() - 1) + 1;
  }

  private String describe() {
    return status.name().toLowerCase().replace('_', ' ');
  }

  private String rolloutId() {
    return Workflow.getInfo().getWorkflowId();
  }

  private static IllegalArgumentException refused(String why) {
    return new IllegalArgumentException(why);
  }
}
