package io.noderr.workflows.rollout;

import io.noderr.activities.rollout.NodeTarget;
import io.noderr.workflows.search.NoderrSearchAttributes;
import io.temporal.common.SearchAttributes;
import java.util.List;
import java.util.Objects;

/**
 * What a rollout and its batches show in the Temporal UI: search attributes and memo summary
 * (docs/sre.md lists the values).
 */
final class RolloutVisibility {

  /** The stage of a rollout working through its first stage, when more follow. */
  static final String CANARY = "CANARY";

  private RolloutVisibility() {}

  /**
   * {@code NoderrStage}: while nodes are updated or a step's pause runs (RUNNING, WAITING) the
   * stage itself, {@link #CANARY} or {@code STAGE_<n>}; otherwise the status (PLANNING, PAUSED,
   * GATE_FAILED, ROLLING_BACK, COMPLETED and the final ones).
   */
  static String stage(RolloutStatus status, int stage, int stages) {
    return switch (status) {
      case RUNNING, WAITING -> stageName(stage, stages);
      default -> status.name();
    };
  }

  static String stageName(int stage, int stages) {
    return stage == 1 && stages > 1 ? CANARY : "STAGE_" + stage;
  }

  static SearchAttributes atStart(String rolloutId, RolloutInput input) {
    return SearchAttributes.newBuilder()
        .set(NoderrSearchAttributes.DEPLOYMENT_ID, rolloutId)
        .set(NoderrSearchAttributes.VERSION, input.version())
        .set(NoderrSearchAttributes.TIER, input.tiers())
        .set(NoderrSearchAttributes.STAGE, RolloutStatus.PLANNING.name())
        .build();
  }

  /** "Rollout of 1.4.2 to ORACLE, 3 stages, started by alice". */
  static String summary(RolloutInput input) {
    int stages = input.strategy().steps().size();
    return "Rollout of "
        + input.version()
        + " to "
        + String.join(", ", input.tiers())
        + ", "
        + stages
        + (stages == 1 ? " stage" : " stages")
        + ", started by "
        + input.requestedBy();
  }

  /** The summary, with the outcome once the rollout ended. */
  static String summary(RolloutInput input, RolloutStatus status, RolloutState.Counts counts) {
    if (!status.isFinal()) {
      return summary(input);
    }
    return summary(input)
        + ": "
        + status
        + ", "
        + counts.updated()
        + " updated, "
        + counts.failed()
        + " failed, "
        + counts.rolledBack()
        + " rolled back";
  }

  /** A batch is found by its rollout, its version, its nodes' tiers, ids and (single) operator. */
  static SearchAttributes ofBatch(NodeBatchInput batch) {
    List<String> nodeIds = batch.nodes().stream().map(NodeTarget::nodeId).toList();
    List<String> tiers =
        batch.nodes().stream().map(NodeTarget::tier).filter(Objects::nonNull).distinct().toList();
    List<String> operators =
        batch.nodes().stream()
            .map(NodeTarget::operator)
            .filter(Objects::nonNull)
            .distinct()
            .toList();
    SearchAttributes.Builder attributes =
        SearchAttributes.newBuilder()
            .set(NoderrSearchAttributes.DEPLOYMENT_ID, batch.rolloutId())
            .set(NoderrSearchAttributes.VERSION, batch.version())
            .set(NoderrSearchAttributes.NODE_ID, NoderrSearchAttributes.nodeIdsWithinLimit(nodeIds))
            .set(NoderrSearchAttributes.STAGE, batchStage(batch));
    if (!tiers.isEmpty()) {
      attributes.set(NoderrSearchAttributes.TIER, tiers);
    }
    if (operators.size() == 1) {
      attributes.set(NoderrSearchAttributes.OPERATOR, operators.getFirst());
    }
    return attributes.build();
  }

  /** "Batch 3 of rollout-ALL-1.5.0: update of 500 nodes to 1.5.0, STAGE_2 (80 listed by id)". */
  static String batchSummary(int number, NodeBatchInput batch) {
    int listed =
        NoderrSearchAttributes.nodeIdsWithinLimit(
                batch.nodes().stream().map(NodeTarget::nodeId).toList())
            .size();
    return "Batch "
        + number
        + " of "
        + batch.rolloutId()
        + ": "
        + (batch.reverting() ? "rollback of " : "update of ")
        + batch.nodes().size()
        + (batch.nodes().size() == 1 ? " node" : " nodes")
        + (batch.reverting() ? " from " : " to ")
        + batch.version()
        + ", "
        + batchStage(batch)
        + (listed < batch.nodes().size() ? " (first " + listed + " listed in NoderrNodeId)" : "");
  }

  private static String batchStage(NodeBatchInput batch) {
    return batch.reverting()
        ? RolloutStatus.ROLLING_BACK.name()
        : stageName(batch.stage(), batch.strategy().steps().size());
  }
}
