package io.noderr.registry.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.registry.NodeFixture;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataIntegrityViolationException;

class RolloutTargetsIT {

  private static final String ROLLOUT = "rollout-ORACLE-2.0.0";

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private final RolloutTargets targets = db.bean(RolloutTargets.class);
  private final Rollouts rollouts = db.bean(Rollouts.class);

  @BeforeEach
  void plannedRollout() {
    rollouts.planned(ROLLOUT, "2.0.0", List.of(Tier.ORACLE));
  }

  private static String nodeId(int i) {
    return "n-%05d".formatted(i);
  }

  /** Nodes n-00000 .. n-(count-1) in the registry, returned in reverse id order. */
  private static List<RolloutCandidate> fleet(int count) {
    db.insertNodes(
        IntStream.range(0, count)
            .mapToObj(i -> NodeFixture.healthy(nodeId(i), "op-" + i % 7, Tier.ORACLE, "r-" + i % 3))
            .toList());
    return IntStream.range(0, count)
        .mapToObj(i -> count - 1 - i)
        .map(
            i ->
                new RolloutCandidate(
                    nodeId(i),
                    Tier.ORACLE,
                    "op-" + i % 7,
                    "r-" + i % 3,
                    "1.0.0",
                    true,
                    true,
                    false))
        .toList();
  }

  private static List<String> ids(List<RolloutTarget> page) {
    return page.stream().map(RolloutTarget::nodeId).toList();
  }

  private static TargetResult result(int i, TargetStatus status) {
    return failed(i, status, null);
  }

  private static TargetResult failed(int i, TargetStatus status, String failure) {
    return new TargetResult(nodeId(i), status, failure, status.name(), 100 + i);
  }

  @Test
  void storePlan_keepsTheOrderGiven_fromPosition0() {
    List<RolloutCandidate> ordered = fleet(3);

    assertThat(targets.storePlan(ROLLOUT, ordered)).isEqualTo(3);

    List<RolloutTarget> page = targets.page(ROLLOUT, 0, 10);
    assertThat(page)
        .containsExactly(
            new RolloutTarget(
                0,
                "n-00002",
                Tier.ORACLE,
                "op-2",
                "r-2",
                TargetStatus.PENDING,
                null,
                null,
                null,
                null),
            new RolloutTarget(
                1,
                "n-00001",
                Tier.ORACLE,
                "op-1",
                "r-1",
                TargetStatus.PENDING,
                null,
                null,
                null,
                null),
            new RolloutTarget(
                2,
                "n-00000",
                Tier.ORACLE,
                "op-0",
                "r-0",
                TargetStatus.PENDING,
                null,
                null,
                null,
                null));
    assertThat(targets.nodeIds(ROLLOUT)).containsExactly("n-00002", "n-00001", "n-00000");
  }

  @Test
  void storePlan_appendsAfterTheLastPosition() {
    List<RolloutCandidate> ordered = fleet(5);
    targets.storePlan(ROLLOUT, ordered.subList(0, 3));

    targets.storePlan(ROLLOUT, ordered.subList(3, 5));

    assertThat(targets.page(ROLLOUT, 0, 10))
        .extracting(RolloutTarget::position)
        .containsExactly(0, 1, 2, 3, 4);
    assertThat(ids(targets.page(ROLLOUT, 3, 5))).containsExactly("n-00001", "n-00000");
  }

  @Test
  void storePlan_refusesANodeAlreadyPlanned() {
    List<RolloutCandidate> ordered = fleet(2);
    targets.storePlan(ROLLOUT, ordered);

    assertThatThrownBy(() -> targets.storePlan(ROLLOUT, ordered.subList(0, 1)))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThat(targets.nodeIds(ROLLOUT)).hasSize(2);
  }

  @Test
  void storePlan_needsTheRolloutsRow() {
    List<RolloutCandidate> ordered = fleet(1);

    assertThatThrownBy(() -> targets.storePlan("rollout-unknown", ordered))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void page_ofTenThousandNodes_returnsExactlyTheRangeAsked() {
    List<RolloutCandidate> ordered = fleet(10_000);
    targets.storePlan(ROLLOUT, ordered);

    assertThat(ids(targets.page(ROLLOUT, 0, 500)))
        .isEqualTo(ordered.subList(0, 500).stream().map(RolloutCandidate::nodeId).toList());
    assertThat(targets.page(ROLLOUT, 4_500, 5_000))
        .extracting(RolloutTarget::position)
        .isEqualTo(IntStream.range(4_500, 5_000).boxed().toList());
    assertThat(ids(targets.page(ROLLOUT, 9_900, 10_500)))
        .as("a range past the end")
        .isEqualTo(ordered.subList(9_900, 10_000).stream().map(RolloutCandidate::nodeId).toList());
    assertThat(targets.page(ROLLOUT, 10_000, 10_500)).isEmpty();
    assertThat(targets.page("rollout-other", 0, 500)).isEmpty();
  }

  @Test
  void page_refusesARangeThatEndsBeforeItStarts() {
    assertThatThrownBy(() -> targets.page(ROLLOUT, 5, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> targets.toRollBack(ROLLOUT, -1, 4))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void applyResults_writesEveryResult_andIgnoresNodesOutsideThePlan() {
    targets.storePlan(ROLLOUT, fleet(4));
    List<TargetResult> results =
        List.of(
            result(3, TargetStatus.UPDATED),
            new TargetResult(nodeId(2), TargetStatus.FAILED, "UNHEALTHY", "probe: HTTP 503", 900),
            new TargetResult("n-not-planned", TargetStatus.UPDATED, null, null, 1));

    assertThat(targets.applyResults(ROLLOUT, 1, results)).isEqualTo(2);

    assertThat(targets.page(ROLLOUT, 0, 4))
        .containsExactly(
            new RolloutTarget(
                0,
                "n-00003",
                Tier.ORACLE,
                "op-3",
                "r-0",
                TargetStatus.UPDATED,
                null,
                "UPDATED",
                1,
                103L),
            new RolloutTarget(
                1,
                "n-00002",
                Tier.ORACLE,
                "op-2",
                "r-2",
                TargetStatus.FAILED,
                "UNHEALTHY",
                "probe: HTTP 503",
                1,
                900L),
            new RolloutTarget(
                2,
                "n-00001",
                Tier.ORACLE,
                "op-1",
                "r-1",
                TargetStatus.PENDING,
                null,
                null,
                null,
                null),
            new RolloutTarget(
                3,
                "n-00000",
                Tier.ORACLE,
                "op-0",
                "r-0",
                TargetStatus.PENDING,
                null,
                null,
                null,
                null));
  }

  @Test
  void applyResults_again_changesNothing_andALaterResultReplacesTheFirst() {
    targets.storePlan(ROLLOUT, fleet(2));
    List<TargetResult> results = List.of(result(0, TargetStatus.UPDATED));
    targets.applyResults(ROLLOUT, 1, results);
    List<RolloutTarget> before = targets.page(ROLLOUT, 0, 2);

    targets.applyResults(ROLLOUT, 1, results);
    assertThat(targets.page(ROLLOUT, 0, 2)).isEqualTo(before);

    targets.applyResults(ROLLOUT, 2, List.of(result(0, TargetStatus.ROLLED_BACK)));
    RolloutTarget rolledBack = targets.page(ROLLOUT, 1, 2).getFirst();
    assertThat(rolledBack.status()).isEqualTo(TargetStatus.ROLLED_BACK);
    assertThat(rolledBack.stage()).isEqualTo(2);
  }

  @Test
  void toRollBack_findsTheNodesThatMayRunTheRelease_byPositionRange() {
    targets.storePlan(ROLLOUT, fleet(9));
    // positions 0..8 hold n-00008 .. n-00000
    targets.applyResults(
        ROLLOUT,
        1,
        List.of(
            result(8, TargetStatus.UPDATED),
            result(7, TargetStatus.ALREADY_AT_TARGET),
            failed(6, TargetStatus.FAILED, "TIMEOUT"),
            failed(5, TargetStatus.FAILED, "DIGEST_MISMATCH"),
            failed(4, TargetStatus.REVERTED, "UNHEALTHY"),
            result(3, TargetStatus.ROLLED_BACK),
            failed(2, TargetStatus.REVERT_FAILED, "START_FAILED"),
            failed(1, TargetStatus.FAILED, "START_FAILED")));

    assertThat(ids(targets.toRollBack(ROLLOUT, 0, 3))).containsExactly("n-00008", "n-00006");
    assertThat(ids(targets.toRollBack(ROLLOUT, 3, 20))).containsExactly("n-00002", "n-00001");
    assertThat(targets.toRollBack(ROLLOUT, 9, 20)).isEmpty();
    assertThat(targets.toRollBack(ROLLOUT, 0, 0)).isEmpty();
  }

  @Test
  void applyResults_ofARevertThatFoundNothing_keepsAFailedNodesFailure() {
    targets.storePlan(ROLLOUT, fleet(2));
    targets.applyResults(
        ROLLOUT,
        1,
        List.of(failed(1, TargetStatus.FAILED, "TIMEOUT"), result(0, TargetStatus.UPDATED)));

    int written =
        targets.applyResults(
            ROLLOUT,
            2,
            List.of(
                failed(1, TargetStatus.REVERT_FAILED, "NOTHING_TO_REVERT"),
                failed(0, TargetStatus.REVERT_FAILED, "NOTHING_TO_REVERT")));

    assertThat(written).isEqualTo(1);
    List<RolloutTarget> rows = targets.page(ROLLOUT, 0, 2);
    assertThat(rows.get(0).status()).isEqualTo(TargetStatus.FAILED);
    assertThat(rows.get(0).failure()).isEqualTo("TIMEOUT");
    assertThat(rows.get(1).status()).isEqualTo(TargetStatus.REVERT_FAILED);

    targets.applyResults(ROLLOUT, 2, List.of(result(1, TargetStatus.UPDATED)));
    assertThat(targets.page(ROLLOUT, 0, 1).getFirst().status())
        .as("a retried node's success replaces its failure")
        .isEqualTo(TargetStatus.UPDATED);
  }

  @Test
  void counts_givesEveryStatus() {
    targets.storePlan(ROLLOUT, fleet(4));
    targets.applyResults(
        ROLLOUT, 1, List.of(result(0, TargetStatus.UPDATED), result(1, TargetStatus.UPDATED)));

    assertThat(targets.counts(ROLLOUT))
        .containsEntry(TargetStatus.PENDING, 2L)
        .containsEntry(TargetStatus.UPDATED, 2L)
        .containsEntry(TargetStatus.FAILED, 0L)
        .hasSize(TargetStatus.values().length);
  }
}
