package io.noderr.activities.rollout;

import java.util.List;

public record TargetPage(List<NodeTarget> nodes) {

  public TargetPage {
    nodes = List.copyOf(nodes);
  }
}
