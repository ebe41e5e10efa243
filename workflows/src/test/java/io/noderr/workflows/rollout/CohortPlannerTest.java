package io.noderr.workflows.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CohortPlannerTest {

  private static final String ROLLOUT = "rollout-ALL-1.5.0";

  @Test
  void order_isTheSame_whateverOrderTheCandidatesCameIn() {
    List<Candidate> fleet = fleet(200);
    List<Candidate> shuffled = new ArrayList<>(fleet);
    Collections.shuffle(shuffled, new java.util.Random(7));

    assertThat(CohortPlanner.order(ROLLOUT, shuffled, "1.5.0", 5))
        .isEqualTo(CohortPlanner.order(ROLLOUT, fleet, "1.5.0", 5));
  }

  @Test
  void order_differsBetweenRollouts_soTheSameNodesAreNotAlwaysFirst() {
    List<Candidate> fleet = fleet(200);

    assertThat(CohortPlanner.order("rollout-ALL-1.6.0", fleet, "1.6.0", 0))
        .isNotEqualTo(CohortPlanner.order(ROLLOUT, fleet, "1.6.0", 0));
  }

  @Test
  void leavesOut_quarantinedNodes_andNodesAlreadyAtTheTarget() {
    List<Candidate> fleet = new ArrayList<>(fleet(10));
    fleet.add(new Candidate("bad", "op-1", "eu", "1.4.0", true, true, true));
    fleet.add(new Candidate("done", "op-1", "eu", "1.5.0", true, true, false));

    List<String> order = CohortPlanner.order(ROLLOUT, fleet, "1.5.0", 3);

    assertThat(order).hasSize(10).doesNotContain("bad", "done");
  }

  @Test
  void canaries_areHealthyAttestedNodes_spreadOverOperatorsAndRegions() {
    List<Candidate> fleet = new ArrayList<>();
    // 100 nodes of one big operator, 3 each of four small ones; half the big one unattested.
    IntStream.range(0, 100)
        .forEach(
            i ->
                fleet.add(
                    new Candidate("big-" + i, "big", "eu", "1.4.0", true, i % 2 == 0, false)));
    for (String op : List.of("a", "b", "c", "d")) {
      IntStream.range(0, 3)
          .forEach(
              i -> fleet.add(new Candidate(op + "-" + i, op, "us", "1.4.0", true, true, false)));
    }
    fleet.add(new Candidate("sick", "e", "ap", "1.4.0", false, true, false));

    List<String> canaries = CohortPlanner.order(ROLLOUT, fleet, "1.5.0", 5).subList(0, 5);

    Set<String> operators =
        canaries.stream().map(id -> id.substring(0, id.indexOf('-'))).collect(Collectors.toSet());
    assertThat(operators).hasSize(5);
    assertThat(canaries).doesNotContain("sick");
    assertThat(canaries.stream().filter(id -> id.startsWith("big-")))
        .allMatch(id -> Integer.parseInt(id.substring(4)) % 2 == 0);
  }

  @Test
  void stageTargets_roundUp_andEndAtEveryNode() {
    assertThat(RolloutStrategy.canary().stageTargets(50)).containsExactly(1, 5, 25, 50);
    assertThat(RolloutStrategy.phased().stageTargets(10_000)).containsExactly(500, 2_000, 10_000);
    assertThat(RolloutStrategy.canary().stageTargets(0)).containsExactly(0, 0, 0, 0);
  }

  private static List<Candidate> fleet(int size) {
    return IntStream.range(0, size)
        .mapToObj(
            i ->
                new Candidate(
                    "node-" + i, "op-" + (i % 5), "region-" + (i % 3), "1.4.0", true, true, false))
        .toList();
  }
}
