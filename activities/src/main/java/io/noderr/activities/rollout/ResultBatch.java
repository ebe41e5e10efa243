package io.noderr.activities.rollout;

import io.noderr.activities.node.NodeUpdateResult;
import java.util.List;

/**
 * @param stage the stage the results belong to (1-based)
 * @param reverting true when these are rollback results
 */
public record ResultBatch(
    String rolloutId, int stage, boolean reverting, List<NodeUpdateResult> results) {

  public ResultBatch {
    results = List.copyOf(results);
  }
}
