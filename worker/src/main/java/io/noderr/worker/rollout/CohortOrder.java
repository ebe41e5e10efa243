package io.noderr.worker.rollout;

import io.noderr.registry.rollout.RolloutCandidate;
import io.noderr.workflows.rollout.Candidate;
import io.noderr.workflows.rollout.CohortPlanner;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Runs the workflows module's CohortPlanner on registry candidates. */
final class CohortOrder {

  private CohortOrder() {}

  /**
   * @return the eligible candidates in update order (CohortPlanner leaves out quarantined nodes and
   *     nodes at {@code version})
   */
  static List<RolloutCandidate> of(
      String rolloutId, List<RolloutCandidate> candidates, String version, int canarySize) {
    Map<String, RolloutCandidate> byId =
        candidates.stream()
            .collect(Collectors.toMap(RolloutCandidate::nodeId, Function.identity()));
    List<Candidate> planned =
        candidates.stream()
            .map(
                c ->
                    new Candidate(
                        c.nodeId(),
                        c.operator(),
                        c.region(),
                        c.version(),
                        c.healthy(),
                        c.attested(),
                        c.quarantined()))
            .toList();
    return CohortPlanner.order(rolloutId, planned, version, canarySize).stream()
        .map(byId::get)
        .toList();
  }
}
