package io.noderr.activities.rollout;

import io.noderr.activities.node.NodeUpdateResult;
import java.util.List;

/**
 * Nodes of a range of a rollout's stored order.
 *
 * @param nodes the nodes to ask
 * @param recorded results already stored for nodes of the range, which are not asked again: only a
 *     rollout started again after a platform restart meets them (its last batch's results were
 *     stored, its checkpoint not yet); empty in histories written before this field existed
 */
public record TargetPage(List<NodeTarget> nodes, List<NodeUpdateResult> recorded) {

  public TargetPage {
    nodes = List.copyOf(nodes);
    recorded = recorded == null ? List.of() : List.copyOf(recorded);
  }

  public TargetPage(List<NodeTarget> nodes) {
    this(nodes, List.of());
  }
}
