package io.noderr.workflows.rollout;

import io.noderr.activities.rollout.NodeTarget;
import java.util.List;

/**
 * One batch of nodes for a {@link NodeBatchWorkflow}: each node updated (or reverted) on its own
 * task queue, all at once, each waiting for its maintenance window first.
 *
 * @param reverting true: put each node back on its previous release (rollback, no soak, no gates)
 * @param forceLocks take over update locks held by other updates (an operator's retry with force)
 */
public record NodeBatchInput(
    String rolloutId,
    int stage,
    boolean reverting,
    List<NodeTarget> nodes,
    String version,
    String image,
    String imageDigest,
    RolloutStrategy strategy,
    boolean forceLocks) {

  public NodeBatchInput {
    nodes = List.copyOf(nodes);
  }
}
