package io.noderr.registry.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.registry.NodeFixture;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import io.noderr.registry.rollout.RolloutTargetQueries.Cohort;
import io.noderr.registry.rollout.RolloutTargetQueries.CohortCounts;
import io.noderr.registry.rollout.RolloutTargetQueries.NodeFilter;
import io.noderr.registry.rollout.RolloutTargetQueries.NodeResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's reads of a rollout's nodes on a real PostgreSQL, with plans and results written by
 * the same repositories the rollout activities use.
 */
class RolloutTargetQueriesIT {

  private static final String ROLLOUT = "rollout-GUARDIAN-4.0.0";
  private static final String OTHER = "rollout-GUARDIAN-4.0.1";

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private final RolloutTargetQueries queries = db.bean(RolloutTargetQueries.class);
  private final RolloutTargets targets = db.bean(RolloutTargets.class);
  private final Rollouts rollouts = db.bean(Rollouts.class);

  /**
   * Ten nodes planned in id order (g-00 at position 0): stage 1 updated g-00 and failed g-01; stage
   * 2 updated g-02..g-04, found g-05 at target, and g-06 reverted; g-07..g-09 are pending. The
   * other rollout plans the same nodes and must never show up.
   */
  @BeforeEach
  void rolloutHalfway() {
    List<String> ids = IntStream.range(0, 10).mapToObj("g-%02d"::formatted).toList();
    db.insertNodes(
        ids.stream().map(id -> NodeFixture.healthy(id, "acme", Tier.GUARDIAN, "eu-west")).toList());
    List<RolloutCandidate> plan =
        ids.stream()
            .map(
                id ->
                    new RolloutCandidate(
                        id, Tier.GUARDIAN, "acme", "eu-west", "3.9.0", true, true, false))
            .toList();
    for (String rollout : List.of(ROLLOUT, OTHER)) {
      rollouts.planned(rollout, "4.0.0", List.of(Tier.GUARDIAN));
      targets.storePlan(rollout, plan);
    }
    targets.applyResults(
        ROLLOUT,
        1,
        List.of(
            result("g-00", TargetStatus.UPDATED, null, "ok"),
            result("g-01", TargetStatus.FAILED, "UNHEALTHY", "probe: HTTP 503 after 30 s")));
    targets.applyResults(
        ROLLOUT,
        2,
        List.of(
            result("g-02", TargetStatus.UPDATED, null, "ok"),
            result("g-03", TargetStatus.UPDATED, null, "ok"),
            result("g-04", TargetStatus.UPDATED, null, "ok"),
            result("g-05", TargetStatus.ALREADY_AT_TARGET, null, null),
            result("g-06", TargetStatus.REVERTED, "START_FAILED", "exit code 137")));
    targets.applyResults(OTHER, 1, List.of(result("g-09", TargetStatus.FAILED, "TIMEOUT", "x")));
  }

  private static TargetResult result(String node, TargetStatus status, String failure, String at) {
    return new TargetResult(node, status, failure, at, 1_200);
  }

  private static List<String> ids(List<NodeResult> rows) {
    return rows.stream().map(NodeResult::nodeId).toList();
  }

  @Test
  void cohorts_countEachStagesNodesByStatus_andThePending() {
    CohortCounts counts = queries.cohorts(ROLLOUT);

    assertThat(counts.pending()).isEqualTo(3);
    assertThat(counts.cohorts())
        .containsExactly(
            new Cohort(1, Map.of("UPDATED", 1L, "FAILED", 1L)),
            new Cohort(2, Map.of("UPDATED", 3L, "ALREADY_AT_TARGET", 1L, "REVERTED", 1L)));
    assertThat(counts.cohorts().get(1).count("UPDATED")).isEqualTo(3);
    assertThat(counts.cohorts().get(1).count("ROLLED_BACK")).isZero();
    assertThat(counts.cohorts().get(1).total()).isEqualTo(5);
  }

  @Test
  void cohorts_moveANodeToTheStageOfItsLatestResult() {
    // The rollback's revert of g-00 is recorded at the stage the rollout had reached.
    targets.applyResults(
        ROLLOUT, 3, List.of(result("g-00", TargetStatus.ROLLED_BACK, null, "back on 3.9.0")));

    CohortCounts counts = queries.cohorts(ROLLOUT);

    assertThat(counts.cohorts()).extracting(Cohort::stage).containsExactly(1, 2, 3);
    assertThat(counts.cohorts().getFirst().byStatus()).isEqualTo(Map.of("FAILED", 1L));
    assertThat(counts.cohorts().getLast().byStatus()).isEqualTo(Map.of("ROLLED_BACK", 1L));
  }

  @Test
  void cohorts_ofAPlanWithoutResults_areAllPending_andOfAnUnknownRolloutEmpty() {
    rollouts.planned("rollout-ALL-1.0.0", "1.0.0", List.of(Tier.ALL));

    assertThat(queries.cohorts("rollout-ALL-1.0.0")).isEqualTo(new CohortCounts(List.of(), 0));
    targets.storePlan(
        "rollout-ALL-1.0.0",
        List.of(new RolloutCandidate("g-00", Tier.GUARDIAN, "acme", "eu", "1", true, true, false)));
    assertThat(queries.cohorts("rollout-ALL-1.0.0")).isEqualTo(new CohortCounts(List.of(), 1));
  }

  @Test
  void page_givesEveryColumn_inPositionOrder() {
    Instant before = Instant.now().plus(1, ChronoUnit.SECONDS);

    List<NodeResult> rows = queries.page(ROLLOUT, NodeFilter.ALL, 0, 100);

    assertThat(ids(rows)).isEqualTo(IntStream.range(0, 10).mapToObj("g-%02d"::formatted).toList());
    NodeResult failed = rows.get(1);
    assertThat(failed)
        .usingRecursiveComparison()
        .ignoringFields("updatedAt")
        .isEqualTo(
            new NodeResult(
                1,
                "g-01",
                Tier.GUARDIAN,
                "acme",
                "eu-west",
                "FAILED",
                "UNHEALTHY",
                "probe: HTTP 503 after 30 s",
                1,
                1_200L,
                null));
    assertThat(failed.updatedAt()).isBefore(before);
    NodeResult pending = rows.get(9);
    assertThat(pending.status()).isEqualTo("PENDING");
    assertThat(pending.stage()).isNull();
    assertThat(pending.millis()).isNull();
    assertThat(pending.failure()).isNull();
    assertThat(queries.count(ROLLOUT, NodeFilter.ALL)).isEqualTo(10);
  }

  @Test
  void page_filtersByStatusesAndNodeIdPrefix_andCountsTheSameRows() {
    NodeFilter problems = new NodeFilter(Set.of("FAILED", "REVERTED", "REVERT_FAILED"), null);
    assertThat(ids(queries.page(ROLLOUT, problems, 0, 50))).containsExactly("g-01", "g-06");
    assertThat(queries.count(ROLLOUT, problems)).isEqualTo(2);

    NodeFilter prefix = new NodeFilter(Set.of(), " G-0 ");
    assertThat(queries.count(ROLLOUT, prefix)).as("case-insensitive, stripped").isEqualTo(10);

    NodeFilter both = new NodeFilter(Set.of("UPDATED", "PENDING"), "g-0");
    assertThat(ids(queries.page(ROLLOUT, both, 0, 50)))
        .containsExactly("g-00", "g-02", "g-03", "g-04", "g-07", "g-08", "g-09");
    assertThat(queries.count(ROLLOUT, both)).isEqualTo(7);

    NodeFilter likeCharacters = new NodeFilter(Set.of(), "g_");
    assertThat(queries.count(ROLLOUT, likeCharacters)).as("_ is not a wildcard").isZero();
    assertThat(queries.count(ROLLOUT, new NodeFilter(Set.of("ROLLED_BACK"), null))).isZero();
  }

  @Test
  void page_pagesByOffsetAndLimit_andCapsTheLimit() {
    NodeFilter all = NodeFilter.ALL;
    assertThat(ids(queries.page(ROLLOUT, all, 3, 2))).containsExactly("g-03", "g-04");
    assertThat(ids(queries.page(ROLLOUT, all, 8, 5))).containsExactly("g-08", "g-09");
    assertThat(queries.page(ROLLOUT, all, 10, 5)).isEmpty();
    assertThat(queries.page(ROLLOUT, all, 0, 0)).isEmpty();
    assertThatThrownBy(() -> queries.page(ROLLOUT, all, -1, 5))
        .isInstanceOf(IllegalArgumentException.class);

    List<RolloutCandidate> more =
        IntStream.range(0, 600)
            .mapToObj(i -> "h-%03d".formatted(i))
            .map(
                id -> new RolloutCandidate(id, Tier.ORACLE, "globex", "us", "1", true, true, false))
            .toList();
    db.insertNodes(
        more.stream()
            .map(c -> NodeFixture.healthy(c.nodeId(), "globex", Tier.ORACLE, "us"))
            .toList());
    targets.storePlan(ROLLOUT, more);
    assertThat(queries.page(ROLLOUT, all, 0, 10_000)).hasSize(RolloutTargetQueries.MAX_LIMIT);
    assertThat(queries.count(ROLLOUT, all)).isEqualTo(610);
  }
}
