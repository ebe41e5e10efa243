package io.noderr.workflows.rewards;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Everything one epoch's payouts depend on; the same inputs always give the same payouts. */
public record RewardInputs(
    long epoch,
    RewardPool pool,
    RewardParameters parameters,
    List<NodeEpoch> nodes,
    List<OperatorStake> stakes,
    List<Exclusion> exclusions) {

  public RewardInputs {
    if (epoch < 0 || pool == null || parameters == null) {
      throw new IllegalArgumentException("an epoch ≥ 0, a pool and parameters are needed");
    }
    nodes = List.copyOf(nodes);
    stakes = List.copyOf(stakes);
    exclusions = List.copyOf(exclusions);
    requireUnique("node", nodes.stream().map(NodeEpoch::nodeId).toList());
    requireUnique("stake of operator", stakes.stream().map(s -> s.operator().value()).toList());
  }

  private static void requireUnique(String what, List<String> keys) {
    Set<String> seen = new HashSet<>();
    for (String key : keys) {
      if (!seen.add(key)) {
        throw new IllegalArgumentException("the " + what + " " + key + " appears twice");
      }
    }
  }
}
