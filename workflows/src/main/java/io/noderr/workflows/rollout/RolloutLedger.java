package io.noderr.workflows.rollout;

import io.noderr.activities.node.NodeUpdateResult;
import io.noderr.activities.node.NodeUpdateResult.FailureType;
import io.noderr.activities.node.NodeUpdateResult.Outcome;
import io.noderr.activities.rollout.NodeTarget;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a rollout stands: its status, how far its plan is handed out, its counts, what the gate saw
 * of the current stage and the failed nodes kept for retry. Everything a {@link RolloutCheckpoint}
 * carries over a continue-as-new lives here, so taking and restoring a checkpoint is one place.
 * Mutable workflow state, rebuilt from history on replay; it makes no Temporal calls.
 */
final class RolloutLedger {

  /** Failed nodes kept for retry and shown in the state; more are counted, not listed. */
  static final int MAX_FAILED_LISTED = 1_000;

  private static final int EVALUATIONS_KEPT = 50;

  private final int stages;
  RolloutCheckpoint.Phase phase = RolloutCheckpoint.Phase.ROLLING_OUT;
  RolloutStatus status = RolloutStatus.PLANNING;
  int stageIndex;
  int total;
  int position;
  int batches;
  int batchesThisRun;
  int revertedUpTo;
  String reason;
  long startedAtMillis;
  long pausedMillis;
  long completedAtMillis;
  private StageTally tally = new StageTally();
  private final Deque<GateEvaluation> evaluations = new ArrayDeque<>();
  private final Map<String, NodeTarget> failedNodes = new LinkedHashMap<>();
  private int updated;
  private int alreadyAtTarget;
  private int failed;
  private int reverted;
  private int rolledBack;
  private int revertFailed;

  RolloutLedger(int stages) {
    this.stages = stages;
  }

  /** The current stage, 1-based (it moves with the status and with each stage's first batch). */
  int stage() {
    return Math.min(stageIndex, stages - 1) + 1;
  }

  int stages() {
    return stages;
  }

  /** A node's result while rolling out: counted, and judged by the stage's gate. */
  void count(NodeUpdateResult result) {
    tally.add(result);
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

  /** A node's result while rolling back; a node with nothing to revert is neither. */
  void countRevert(NodeUpdateResult result) {
    if (result.outcome() == Outcome.ROLLED_BACK) {
      rolledBack++;
    } else if (result.failure() != FailureType.NOTHING_TO_REVERT) {
      revertFailed++;
    }
  }

  /** Keeps a node whose update failed for a later retry, up to {@link #MAX_FAILED_LISTED}. */
  void keepForRetry(NodeTarget node) {
    if (failedNodes.size() < MAX_FAILED_LISTED) {
      failedNodes.put(node.nodeId(), node);
    }
  }

  /** The gate's verdict on the current stage so far; the latest verdicts are kept for the state. */
  GateEvaluation judge(GatePolicy gates, long nowMillis) {
    GateEvaluation evaluation = GateEvaluator.evaluate(stage(), gates, tally, nowMillis);
    evaluations.addLast(evaluation);
    if (evaluations.size() > EVALUATIONS_KEPT) {
      evaluations.removeFirst();
    }
    return evaluation;
  }

  /** The latest verdict, amended with its batch's telemetry analysis. */
  GateEvaluation amendLatest(AnalysisEvaluation analysis) {
    GateEvaluation amended = evaluations.removeLast().withAnalysis(analysis);
    evaluations.addLast(amended);
    return amended;
  }

  /** The gate judges what comes next afresh (after an override or a retry). */
  void restartTally() {
    tally = new StageTally();
  }

  /** The failed nodes, taken out of the failure count to be run once more. */
  List<NodeTarget> takeFailedNodes() {
    List<NodeTarget> again = new ArrayList<>(failedNodes.values());
    failedNodes.clear();
    failed -= again.size();
    return again;
  }

  int failedNodesKept() {
    return failedNodes.size();
  }

  int updated() {
    return updated;
  }

  int failed() {
    return failed;
  }

  int rolledBack() {
    return rolledBack;
  }

  int revertFailed() {
    return revertFailed;
  }

  RolloutState.Counts counts() {
    return new RolloutState.Counts(
        updated,
        alreadyAtTarget,
        failed,
        reverted,
        rolledBack,
        Math.max(0, total - position),
        revertFailed);
  }

  /** Time spent running, not paused by operators or steps. */
  long runningMillis(long nowMillis) {
    return nowMillis - startedAtMillis - pausedMillis;
  }

  RolloutState state(String rolloutId, RolloutStrategy strategy, long nowMillis) {
    boolean planning = status == RolloutStatus.PLANNING;
    return new RolloutState(
        rolloutId,
        status,
        planning ? 0 : stage(),
        stages,
        total,
        position,
        counts(),
        new ArrayList<>(evaluations),
        new ArrayList<>(failedNodes.keySet()),
        eta(nowMillis),
        reason,
        planning ? List.of() : strategy.stageTargets(total));
  }

  /** Remaining nodes at the pace so far (running time per node handed out). */
  private long eta(long nowMillis) {
    if (position == 0 || status.isFinal() || position >= total) {
      return 0;
    }
    long perNode = runningMillis(nowMillis) / position;
    return nowMillis + perNode * (total - position);
  }

  RolloutCheckpoint checkpoint(int steps, RolloutSteering steering) {
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
        steering.stoppedBy(RolloutSteering.StopReason.ABORTED),
        tally.snapshot(),
        new ArrayList<>(evaluations),
        new ArrayList<>(failedNodes.values()),
        steering.heldBy(RolloutSteering.Hold.BY_OPERATOR),
        steering.heldBy(RolloutSteering.Hold.GATE_FAILED),
        completedAtMillis,
        false);
  }

  void restore(RolloutCheckpoint at) {
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
    completedAtMillis = at.completedAtMillis();
    tally = StageTally.restore(at.tally());
    evaluations.addAll(at.evaluations());
    at.failedNodes().forEach(node -> failedNodes.put(node.nodeId(), node));
  }
}
