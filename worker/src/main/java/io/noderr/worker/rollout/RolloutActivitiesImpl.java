package io.noderr.worker.rollout;

import io.noderr.activities.node.NodeUpdateResult;
import io.noderr.activities.node.NodeUpdateResult.FailureType;
import io.noderr.activities.node.NodeUpdateResult.Outcome;
import io.noderr.activities.rollout.CheckpointWrite;
import io.noderr.activities.rollout.NodeTarget;
import io.noderr.activities.rollout.PlanRequest;
import io.noderr.activities.rollout.ResultBatch;
import io.noderr.activities.rollout.RolloutActivities;
import io.noderr.activities.rollout.RolloutPlan;
import io.noderr.activities.rollout.RolloutProgress;
import io.noderr.activities.rollout.TargetPage;
import io.noderr.activities.rollout.TargetRange;
import io.noderr.registry.Tier;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.node.LivenessRegistry;
import io.noderr.registry.rollout.RolloutCandidate;
import io.noderr.registry.rollout.RolloutCandidates;
import io.noderr.registry.rollout.RolloutCheckpoints;
import io.noderr.registry.rollout.RolloutCheckpoints.StoredCheckpoint;
import io.noderr.registry.rollout.RolloutRow;
import io.noderr.registry.rollout.RolloutTarget;
import io.noderr.registry.rollout.RolloutTargets;
import io.noderr.registry.rollout.Rollouts;
import io.noderr.registry.rollout.TargetResult;
import io.noderr.registry.rollout.TargetStatus;
import io.temporal.failure.ApplicationFailure;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rollout workflow's platform-side steps: the node order, stored once in the registry and
 * handed out a page at a time, the per-node results, and the rollout's read-model row with its
 * audit trail.
 */
@Component
public class RolloutActivitiesImpl implements RolloutActivities {

  /** Non-retryable: a request that no retry can make succeed (unknown tier, inverted range). */
  public static final String INVALID_REQUEST = "InvalidRolloutRequest";

  private static final Logger log = LoggerFactory.getLogger(RolloutActivitiesImpl.class);

  private final RolloutCandidates candidates;
  private final RolloutTargets targets;
  private final Rollouts rollouts;
  private final AuditLog audit;
  private final LivenessRegistry liveness;
  private final RolloutCheckpoints checkpoints;
  private final RolloutMeters meters;

  public RolloutActivitiesImpl(
      RolloutCandidates candidates,
      RolloutTargets targets,
      Rollouts rollouts,
      AuditLog audit,
      LivenessRegistry liveness,
      RolloutCheckpoints checkpoints,
      RolloutMeters meters) {
    this.candidates = candidates;
    this.targets = targets;
    this.rollouts = rollouts;
    this.audit = audit;
    this.liveness = liveness;
    this.checkpoints = checkpoints;
    this.meters = meters;
  }

  /**
   * One path for the first plan, its retry and an extension: the targeted nodes not in the stored
   * order yet are ordered by the CohortPlanner and appended, on the first call (nothing stored) or
   * when asked to extend; a retry appends nothing and answers with the stored order. Appended nodes
   * get no canaries: they join a rollout whose canary stage is behind it. One transaction, so a
   * failed attempt leaves no half plan; two attempts at once collide on the plan's keys and one
   * fails and retries.
   *
   * <p>The skipped counts describe the targeted nodes left outside the stored order as of this
   * call.
   */
  @Override
  @Transactional
  public RolloutPlan plan(PlanRequest request) {
    List<Tier> tiers = rejectingInvalid(() -> checkedTiers(request));
    rollouts.planned(request.rolloutId(), request.version(), tiers);
    Set<String> planned = new HashSet<>(targets.nodeIds(request.rolloutId()));
    List<RolloutCandidate> unplanned =
        candidates.inTiers(tiers).stream().filter(c -> !planned.contains(c.nodeId())).toList();
    Eligibility eligibility = Eligibility.of(unplanned, request.version());
    int stored = planned.size();
    if (planned.isEmpty() || request.extend()) {
      int canaries = planned.isEmpty() ? canarySize(request, eligibility.eligible()) : 0;
      stored +=
          targets.storePlan(
              request.rolloutId(),
              CohortOrder.of(request.rolloutId(), unplanned, request.version(), canaries));
    }
    return new RolloutPlan(
        stored, eligibility.atTarget(), eligibility.quarantined(), candidates.underStakedIn(tiers));
  }

  /**
   * Only a rollout started again after a restart finds results in its next range (its last batch
   * was stored, its checkpoint not): those nodes are not asked again, their results are counted.
   */
  @Override
  public TargetPage targets(TargetRange range) {
    List<RolloutTarget> rows =
        rejectingInvalid(() -> targets.page(range.rolloutId(), range.from(), range.to()));
    return new TargetPage(
        nodes(rows.stream().filter(t -> t.status() == TargetStatus.PENDING).toList()),
        rows.stream()
            .filter(t -> t.status() != TargetStatus.PENDING)
            .map(RolloutActivitiesImpl::recordedResult)
            .toList());
  }

  @Override
  public TargetPage touched(TargetRange range) {
    return new TargetPage(
        nodes(
            rejectingInvalid(
                () -> targets.toRollBack(range.rolloutId(), range.from(), range.to()))));
  }

  /**
   * One UPDATE of the plan rows and one of the nodes' versions, in one transaction; a retry writes
   * the same values.
   */
  @Override
  @Transactional
  public void recordResults(ResultBatch batch) {
    List<TargetResult> results =
        batch.results().stream().map(r -> targetResult(r, batch.reverting())).toList();
    int written = targets.applyResults(batch.rolloutId(), batch.stage(), results);
    liveness.recordRunningVersions(runningVersions(batch.results()));
    batch.results().forEach(result -> meters.updated(result, batch.reverting()));
    // A rollback's batch leaves some rows as they were on purpose (see applyResults).
    if (!batch.reverting() && written < results.size()) {
      log.warn(
          "{}: {} of {} results are for nodes outside the plan and were not stored",
          batch.rolloutId(),
          results.size() - written,
          results.size());
    }
  }

  @Override
  public void checkpoint(CheckpointWrite checkpoint) {
    checkpoints.save(
        new StoredCheckpoint(
            checkpoint.rolloutId(),
            checkpoint.phase(),
            checkpoint.stage(),
            checkpoint.position(),
            checkpoint.input(),
            checkpoint.takenAtMillis()));
  }

  @Override
  @Transactional
  public void recordProgress(RolloutProgress progress) {
    boolean newStep = rejectingInvalid(() -> rollouts.apply(row(progress), progress.sequence()));
    if (newStep) {
      meters.step(progress.action());
      audit.append(
          progress.actor(),
          progress.action(),
          progress.rolloutId(),
          progress.detail(),
          progress.rolloutId());
    }
  }

  /**
   * The first stage's size among {@code eligible} nodes: a share rounded up (a 1 % canary of 50
   * nodes is one node, not none), or a count capped at what there is.
   */
  private static int canarySize(PlanRequest request, int eligible) {
    if (request.canaryPercent() > 0) {
      return (int) Math.min(eligible, Math.ceilDiv((long) eligible * request.canaryPercent(), 100));
    }
    return Math.min(request.canaryCount(), eligible);
  }

  /** The request's tiers, once the request is known to be plannable. */
  private static List<Tier> checkedTiers(PlanRequest request) {
    if (request.tiers().isEmpty()) {
      throw new IllegalArgumentException("a rollout targets at least one tier");
    }
    if (request.version() == null || request.version().isBlank()) {
      throw new IllegalArgumentException("a rollout needs a target version");
    }
    if (request.canaryPercent() < 0 || request.canaryCount() < 0) {
      throw new IllegalArgumentException("canary percent and count must not be negative");
    }
    return request.tiers().stream().map(Tier::valueOf).distinct().toList();
  }

  /** Temporal would retry an IllegalArgumentException forever; the same request fails the same. */
  private static <T> T rejectingInvalid(Supplier<T> call) {
    try {
      return call.get();
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), INVALID_REQUEST);
    }
  }

  private static List<NodeTarget> nodes(List<RolloutTarget> rows) {
    return rows.stream()
        .map(t -> new NodeTarget(t.nodeId(), t.tier().name(), t.operator(), t.region()))
        .toList();
  }

  /** A stored result as the node reported it (the running version is not stored per row). */
  private static NodeUpdateResult recordedResult(RolloutTarget row) {
    Outcome outcome =
        switch (row.status()) {
          case UPDATED -> Outcome.UPDATED;
          case ALREADY_AT_TARGET -> Outcome.ALREADY_AT_TARGET;
          case REVERTED -> Outcome.REVERTED;
          case ROLLED_BACK -> Outcome.ROLLED_BACK;
          case FAILED, REVERT_FAILED, PENDING -> Outcome.FAILED;
        };
    FailureType failure =
        Arrays.stream(FailureType.values())
            .filter(type -> type.name().equals(row.failure()))
            .findFirst()
            .orElse(null);
    return new NodeUpdateResult(
        row.nodeId(),
        outcome,
        failure,
        row.detail(),
        null,
        row.millis() == null ? 0 : row.millis());
  }

  /** Keyed by node; a node's later result in the batch wins. */
  private static Map<String, String> runningVersions(List<NodeUpdateResult> results) {
    Map<String, String> versions = new LinkedHashMap<>();
    for (NodeUpdateResult result : results) {
      if (result.runningVersion() != null) {
        versions.put(result.nodeId(), result.runningVersion());
      }
    }
    return versions;
  }

  private static TargetResult targetResult(NodeUpdateResult result, boolean reverting) {
    return new TargetResult(
        result.nodeId(),
        reverting && result.outcome() == Outcome.FAILED
            ? TargetStatus.REVERT_FAILED
            : status(result.outcome()),
        result.failure() == null ? null : result.failure().name(),
        result.detail(),
        result.millis());
  }

  private static TargetStatus status(Outcome outcome) {
    return switch (outcome) {
      case UPDATED -> TargetStatus.UPDATED;
      case ALREADY_AT_TARGET -> TargetStatus.ALREADY_AT_TARGET;
      case REVERTED -> TargetStatus.REVERTED;
      case ROLLED_BACK -> TargetStatus.ROLLED_BACK;
      case FAILED -> TargetStatus.FAILED;
    };
  }

  private static RolloutRow row(RolloutProgress progress) {
    return new RolloutRow(
        progress.rolloutId(),
        progress.version(),
        List.of(),
        progress.status(),
        progress.stage(),
        progress.stages(),
        progress.total(),
        progress.updated(),
        progress.failed(),
        progress.sequence(),
        null,
        null);
  }
}
