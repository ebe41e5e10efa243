package io.noderr.worker.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.noderr.activities.node.NodeUpdateResult;
import io.noderr.activities.node.NodeUpdateResult.FailureType;
import io.noderr.activities.node.NodeUpdateResult.Outcome;
import io.noderr.activities.rollout.CheckpointWrite;
import io.noderr.activities.rollout.NodeTarget;
import io.noderr.activities.rollout.PlanRequest;
import io.noderr.activities.rollout.ResultBatch;
import io.noderr.activities.rollout.RolloutPlan;
import io.noderr.activities.rollout.RolloutProgress;
import io.noderr.activities.rollout.TargetPage;
import io.noderr.activities.rollout.TargetRange;
import io.noderr.registry.NodeFixture;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import io.noderr.registry.audit.AuditEntry;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.rollout.RolloutCheckpoints;
import io.noderr.registry.rollout.RolloutRow;
import io.noderr.registry.rollout.RolloutTarget;
import io.noderr.registry.rollout.RolloutTargets;
import io.noderr.registry.rollout.Rollouts;
import io.noderr.registry.rollout.TargetStatus;
import io.noderr.workflows.rollout.Candidate;
import io.noderr.workflows.rollout.CohortPlanner;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rollout activities against a real PostgreSQL, wired as the worker wires them (Spring
 * transactions included), at the fleet size they are built for. Timings are printed, not asserted.
 */
class RolloutActivitiesIT {

  private static final String ROLLOUT = "rollout-ORACLE+GUARDIAN-2.0.0";
  private static final String TARGET = "2.0.0";
  private static final int FLEET = 10_000;

  @RegisterExtension
  static final RegistryDatabase db =
      RegistryDatabase.create(
          context -> {
            context.registerBean(SimpleMeterRegistry.class);
            context.registerBean(RolloutMeters.class);
            context.registerBean(RolloutActivitiesImpl.class);
          });

  private final RolloutActivitiesImpl activities = db.bean(RolloutActivitiesImpl.class);
  private final RolloutTargets targets = db.bean(RolloutTargets.class);
  private final Rollouts rollouts = db.bean(Rollouts.class);
  private final AuditLog audit = db.bean(AuditLog.class);

  private static PlanRequest plan(int canaryPercent, int canaryCount, boolean extend) {
    return new PlanRequest(
        ROLLOUT, List.of("ORACLE", "GUARDIAN"), TARGET, canaryPercent, canaryCount, extend);
  }

  /**
   * A mixed fleet: spread over 40 operators and 5 regions, every 50th node quarantined, every 30th
   * already at the target, every 7th unhealthy, every 3rd unattested, some in an untargeted tier.
   */
  private static List<NodeFixture> mixedFleet(String prefix, int size) {
    return IntStream.range(0, size)
        .mapToObj(
            i -> {
              Tier tier = i % 10 == 9 ? Tier.ALL : i % 2 == 0 ? Tier.ORACLE : Tier.GUARDIAN;
              NodeFixture node =
                  NodeFixture.healthy(
                      prefix + "%05d".formatted(i), "op-" + i % 40, tier, "region-" + i % 5);
              if (i % 50 == 0) {
                node = node.withStatus("QUARANTINED");
              } else if (i % 30 == 0) {
                node = node.withVersion(TARGET);
              }
              if (i % 7 == 0) {
                node = node.withHealth("UNHEALTHY");
              }
              if (i % 3 == 0) {
                node = node.withAttestation("UNATTESTED");
              }
              return node;
            })
        .toList();
  }

  /** The order CohortPlanner gives for these fixtures, computed without the registry. */
  private static List<String> plannerOrder(List<NodeFixture> nodes, int canarySize) {
    List<Candidate> candidates =
        nodes.stream()
            .filter(n -> n.tier() != Tier.ALL)
            .map(
                n ->
                    new Candidate(
                        n.id(),
                        n.operatorId(),
                        n.region(),
                        n.version(),
                        "HEALTHY".equals(n.health()) && "ACTIVE".equals(n.status()),
                        "ATTESTED".equals(n.attestation()),
                        "QUARANTINED".equals(n.status())))
            .toList();
    return CohortPlanner.order(ROLLOUT, candidates, TARGET, canarySize);
  }

  /** Every planned node id, read a page of {@code size} at a time through the activity. */
  private List<String> allTargets(int size) {
    List<String> ids = new ArrayList<>();
    for (int from = 0; ; from += size) {
      TargetPage page = activities.targets(new TargetRange(ROLLOUT, from, from + size));
      page.nodes().forEach(t -> ids.add(t.nodeId()));
      if (page.nodes().size() + page.recorded().size() < size) {
        return ids;
      }
    }
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  @Test
  void plan_leavesOutNodesWhoseOperatorsStakeFallsShort_andCountsThem() {
    db.insertNodes(mixedFleet("n-", 100));
    // Operator op-1 runs GUARDIAN nodes 1, 41, 81 (odd ids are GUARDIAN; none quarantined).
    db.jdbc()
        .update(
            "UPDATE nodes SET stake_shortfall = 'stake 0 NODR < minimum 5000 NODR'"
                + " WHERE operator_id = 'op-1'");

    RolloutPlan plan = activities.plan(plan(10, 0, false));

    assertThat(plan.skippedUnderStaked()).isEqualTo(3);
    assertThat(allTargets(1_000)).doesNotContain("n-00001", "n-00041", "n-00081");
  }

  @Test
  void plan_ofTenThousandNodes_storesThePlannersOrder_leavingOutQuarantinedAndUpToDateNodes() {
    List<NodeFixture> fleet = mixedFleet("n-", FLEET);
    db.insertNodes(fleet);

    long start = System.nanoTime();
    RolloutPlan plan = activities.plan(plan(1, 0, false));
    System.out.printf("[RolloutActivitiesIT] plan of %d nodes: %d ms%n", FLEET, millisSince(start));

    // The targeted tiers hold 9,000 nodes: 200 quarantined, 267 others at the target.
    assertThat(plan).isEqualTo(new RolloutPlan(8_533, 267, 200, 0));
    int canaries = 86; // 1 % of 8,533, rounded up
    assertThat(allTargets(500)).isEqualTo(plannerOrder(fleet, canaries));
    NodeTarget first = activities.targets(new TargetRange(ROLLOUT, 0, 1)).nodes().getFirst();
    NodeFixture firstNode =
        fleet.stream().filter(n -> n.id().equals(first.nodeId())).findFirst().orElseThrow();
    assertThat(first)
        .isEqualTo(
            new NodeTarget(
                firstNode.id(),
                firstNode.tier().name(),
                firstNode.operatorId(),
                firstNode.region()));
    RolloutRow row = rollouts.find(ROLLOUT).orElseThrow();
    assertThat(row.status()).isEqualTo("PLANNING");
    assertThat(row.tiers()).containsExactly(Tier.ORACLE, Tier.GUARDIAN);
  }

  @Test
  void plan_withACanaryCount_putsTheHealthiestNodesFirst() {
    List<NodeFixture> fleet = new ArrayList<>(mixedFleet("n-", 40));
    fleet.replaceAll(n -> n.withAttestation("UNATTESTED"));
    fleet.set(11, fleet.get(11).withHealth("HEALTHY").withAttestation("ATTESTED"));
    fleet.set(13, fleet.get(13).withHealth("HEALTHY").withAttestation("ATTESTED"));
    db.insertNodes(fleet);

    activities.plan(plan(0, 2, false));

    assertThat(activities.targets(new TargetRange(ROLLOUT, 0, 2)).nodes())
        .extracting(NodeTarget::nodeId)
        .containsExactlyInAnyOrder("n-00011", "n-00013");
    assertThat(allTargets(7)).isEqualTo(plannerOrder(fleet, 2));
  }

  @Test
  void plan_retried_returnsTheStoredPlan_withoutNodesThatJoinedSince() {
    db.insertNodes(mixedFleet("n-", 100));
    RolloutPlan first = activities.plan(plan(10, 0, false));
    List<String> order = allTargets(1_000);

    db.insertNodes(List.of(NodeFixture.healthy("late-1", "op-1", Tier.ORACLE, "region-1")));
    RolloutPlan retried = activities.plan(plan(10, 0, false));

    assertThat(retried).isEqualTo(first);
    assertThat(allTargets(1_000)).isEqualTo(order);
  }

  @Test
  void plan_extended_appendsOnlyNewlyEligibleNodes_inPlannerOrder() {
    List<NodeFixture> fleet = mixedFleet("n-", 100);
    db.insertNodes(fleet);
    RolloutPlan first = activities.plan(plan(10, 0, false));
    List<String> order = allTargets(1_000);
    // n-00000 was quarantined: released now, it is eligible; so are the newcomers but one.
    db.jdbc().update("UPDATE nodes SET status = 'ACTIVE' WHERE id = 'n-00000'");
    List<NodeFixture> joined =
        List.of(
            NodeFixture.healthy("late-1", "op-1", Tier.ORACLE, "region-1"),
            NodeFixture.healthy("late-2", "op-2", Tier.GUARDIAN, "region-2"),
            NodeFixture.healthy("late-3", "op-3", Tier.ORACLE, "region-3").withVersion(TARGET),
            NodeFixture.healthy("late-4", "op-4", Tier.ALL, "region-4"));
    db.insertNodes(joined);

    RolloutPlan extended = activities.plan(plan(10, 0, true));

    assertThat(extended.total()).isEqualTo(first.total() + 3);
    List<String> now = allTargets(1_000);
    assertThat(now.subList(0, order.size())).isEqualTo(order);
    List<NodeFixture> newlyEligible =
        List.of(fleet.getFirst().withStatus("ACTIVE"), joined.get(0), joined.get(1));
    assertThat(now.subList(order.size(), now.size())).isEqualTo(plannerOrder(newlyEligible, 0));
    assertThat(activities.plan(plan(10, 0, true)))
        .as("extending again finds nothing new")
        .isEqualTo(extended);
  }

  @Test
  void recordResults_storesABatchOf500_andTouchedPagesTheNodesToRollBack() {
    db.insertNodes(mixedFleet("n-", FLEET));
    activities.plan(plan(1, 0, false));
    List<String> order = allTargets(1_000);
    List<NodeUpdateResult> results = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      String node = order.get(i);
      results.add(
          switch (i % 5) {
            case 0 -> new NodeUpdateResult(node, Outcome.ALREADY_AT_TARGET, null, "", TARGET, 5);
            case 1 ->
                new NodeUpdateResult(
                    node, Outcome.FAILED, FailureType.UNHEALTHY, "probe: HTTP 503", "1.0.0", 900);
            default -> new NodeUpdateResult(node, Outcome.UPDATED, null, "ok", TARGET, 300);
          });
    }
    ResultBatch batch = new ResultBatch(ROLLOUT, 1, false, results);

    long start = System.nanoTime();
    activities.recordResults(batch);
    System.out.printf(
        "[RolloutActivitiesIT] recordResults of %d results: %d ms%n",
        results.size(), millisSince(start));
    activities.recordResults(batch); // a retry

    assertThat(targets.counts(ROLLOUT))
        .containsEntry(TargetStatus.UPDATED, 300L)
        .containsEntry(TargetStatus.FAILED, 100L)
        .containsEntry(TargetStatus.ALREADY_AT_TARGET, 100L)
        .containsEntry(TargetStatus.PENDING, 8_533L - 500);
    // The UNHEALTHY failures never changed their node: a rollback leaves them alone.
    List<String> updated =
        IntStream.range(0, 500).filter(i -> i % 5 > 1).mapToObj(order::get).toList();
    assertThat(activities.touched(new TargetRange(ROLLOUT, 0, 250)).nodes())
        .extracting(NodeTarget::nodeId)
        .isEqualTo(updated.subList(0, 150));
    assertThat(activities.touched(new TargetRange(ROLLOUT, 250, 1_000)).nodes())
        .extracting(NodeTarget::nodeId)
        .isEqualTo(updated.subList(150, 300));
    RolloutTarget failed = targets.page(ROLLOUT, 1, 2).getFirst();
    assertThat(failed.status()).isEqualTo(TargetStatus.FAILED);
    assertThat(failed.failure()).isEqualTo("UNHEALTHY");
    assertThat(failed.detail()).isEqualTo("probe: HTTP 503");
    assertThat(failed.stage()).isEqualTo(1);
    assertThat(failed.millis()).isEqualTo(900L);
  }

  @Test
  void recordResults_ofARollback_tellsFailedRevertsApart() {
    db.insertNodes(mixedFleet("n-", 100));
    activities.plan(plan(10, 0, false));
    List<String> order = allTargets(1_000);
    activities.recordResults(
        new ResultBatch(
            ROLLOUT,
            1,
            false,
            List.of(
                new NodeUpdateResult(order.get(0), Outcome.UPDATED, null, "ok", TARGET, 1),
                new NodeUpdateResult(order.get(1), Outcome.UPDATED, null, "ok", TARGET, 1),
                new NodeUpdateResult(
                    order.get(2), Outcome.FAILED, FailureType.TIMEOUT, "late", null, 1))));

    activities.recordResults(
        new ResultBatch(
            ROLLOUT,
            1,
            true,
            List.of(
                new NodeUpdateResult(order.get(0), Outcome.ROLLED_BACK, null, "", "1.0.0", 1),
                new NodeUpdateResult(
                    order.get(1), Outcome.FAILED, FailureType.START_FAILED, "no", TARGET, 1),
                new NodeUpdateResult(
                    order.get(2),
                    Outcome.FAILED,
                    FailureType.NOTHING_TO_REVERT,
                    "runs 1.0.0",
                    "1.0.0",
                    1))));

    assertThat(targets.counts(ROLLOUT))
        .containsEntry(TargetStatus.ROLLED_BACK, 1L)
        .containsEntry(TargetStatus.REVERT_FAILED, 1L)
        .containsEntry(TargetStatus.FAILED, 1L);
    assertThat(targets.page(ROLLOUT, 2, 3).getFirst().failure()).isEqualTo("TIMEOUT");
    assertThat(
            db.jdbc()
                .queryForObject(
                    "SELECT version FROM nodes WHERE id = ?", String.class, order.get(0)))
        .as("the registry knows at once what the node answered it runs")
        .isEqualTo("1.0.0");
    assertThat(
            db.jdbc()
                .queryForObject(
                    "SELECT version FROM nodes WHERE id = ?", String.class, order.get(1)))
        .isEqualTo(TARGET);
    assertThat(activities.touched(new TargetRange(ROLLOUT, 0, 10)).nodes())
        .as("a failed revert and an update of unknown end may still run the release")
        .extracting(NodeTarget::nodeId)
        .isEqualTo(order.subList(1, 3));
  }

  private static RolloutProgress progress(int sequence, String status, int updated) {
    return new RolloutProgress(
        ROLLOUT,
        TARGET,
        status,
        1,
        4,
        8_533,
        updated,
        0,
        sequence,
        "alice",
        "rollout." + status.toLowerCase(),
        status + " at step " + sequence);
  }

  @Test
  void targets_afterARestart_handsOutOnlyNodesWithoutAResult_andCountsTheOthersAsRecorded() {
    db.insertNodes(mixedFleet("n-", 100));
    activities.plan(plan(10, 0, false));
    List<String> order = allTargets(1_000);
    activities.recordResults(
        new ResultBatch(
            ROLLOUT,
            1,
            false,
            List.of(
                new NodeUpdateResult(order.get(0), Outcome.UPDATED, null, "ok", TARGET, 7),
                new NodeUpdateResult(
                    order.get(2), Outcome.FAILED, FailureType.TIMEOUT, "no answer", null, 9))));

    TargetPage page = activities.targets(new TargetRange(ROLLOUT, 0, 4));

    assertThat(page.nodes())
        .extracting(NodeTarget::nodeId)
        .containsExactly(order.get(1), order.get(3));
    assertThat(page.recorded())
        .containsExactly(
            new NodeUpdateResult(order.get(0), Outcome.UPDATED, null, "ok", null, 7),
            new NodeUpdateResult(
                order.get(2), Outcome.FAILED, FailureType.TIMEOUT, "no answer", null, 9));
  }

  @Test
  void checkpoint_storesTheInput_andAnOlderWriteNeverReplacesANewerOne() {
    rollouts.planned(ROLLOUT, TARGET, List.of(Tier.ORACLE));
    activities.checkpoint(new CheckpointWrite(ROLLOUT, "ROLLING_OUT", 2, 1_000, "{\"n\": 2}", 20));
    activities.checkpoint(new CheckpointWrite(ROLLOUT, "ROLLING_OUT", 1, 500, "{\"n\": 1}", 10));

    assertThat(db.bean(RolloutCheckpoints.class).unfinished(List.of()))
        .singleElement()
        .satisfies(
            rollout -> {
              assertThat(rollout.checkpoint().position()).isEqualTo(1_000);
              assertThat(rollout.checkpoint().input()).isEqualTo("{\"n\": 2}");
            });
  }

  @Test
  void recordProgress_writesTheRowAndOneAuditEntry_perSequence() {
    activities.recordProgress(progress(1, "RUNNING", 0));
    activities.recordProgress(progress(1, "RUNNING", 0)); // a retry
    activities.recordProgress(progress(2, "PAUSED", 86));
    activities.recordProgress(progress(1, "RUNNING", 0)); // arriving late

    List<AuditEntry> entries = audit.recentFor(ROLLOUT, 10);
    assertThat(entries)
        .extracting(AuditEntry::action)
        .containsExactly("rollout.paused", "rollout.running");
    AuditEntry paused = entries.getFirst();
    assertThat(paused.actor()).isEqualTo("alice");
    assertThat(paused.detail()).isEqualTo("PAUSED at step 2");
    assertThat(paused.workflowId()).isEqualTo(ROLLOUT);
    RolloutRow row = rollouts.find(ROLLOUT).orElseThrow();
    assertThat(row.status()).isEqualTo("PAUSED");
    assertThat(row.updated()).isEqualTo(86);
    assertThat(row.lastStep()).isEqualTo(2);
  }

  @Test
  void recordProgress_writesNothing_whenTheAuditEntryCannotBeWritten() {
    RolloutProgress withoutActor =
        new RolloutProgress(
            ROLLOUT, TARGET, "RUNNING", 1, 4, 10, 0, 0, 1, null, "rollout.started", "");

    assertThatThrownBy(() -> activities.recordProgress(withoutActor))
        .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    assertThat(rollouts.find(ROLLOUT)).isEmpty();
  }

  @Test
  void invalidRequests_failWithoutRetries() {
    assertThatThrownBy(
            () ->
                activities.plan(
                    new PlanRequest(ROLLOUT, List.of("VALIDATOR"), TARGET, 10, 0, false)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            e -> {
              assertThat(e.isNonRetryable()).isTrue();
              assertThat(e.getType()).isEqualTo(RolloutActivitiesImpl.INVALID_REQUEST);
            });
    assertThatThrownBy(() -> activities.targets(new TargetRange(ROLLOUT, 10, 5)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class, e -> assertThat(e.isNonRetryable()).isTrue());
    assertThatThrownBy(() -> activities.recordProgress(progress(0, "RUNNING", 0)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class, e -> assertThat(e.isNonRetryable()).isTrue());
  }
}
