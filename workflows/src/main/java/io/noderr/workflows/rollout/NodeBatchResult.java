package io.noderr.workflows.rollout;

import io.noderr.activities.node.NodeUpdateResult;
import java.util.List;

public record NodeBatchResult(List<NodeUpdateResult> results) {

  public NodeBatchResult {
    results = List.copyOf(results);
  }
}
