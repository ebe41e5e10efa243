package io.noderr.registry.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataIntegrityViolationException;

class RolloutsIT {

  private static final String ROLLOUT = "rollout-ORACLE+GUARDIAN-2.0.0";

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private final Rollouts rollouts = db.bean(Rollouts.class);

  private static RolloutRow progress(String id, String status, int stage, int updated) {
    return new RolloutRow(id, "2.0.0", List.of(), status, stage, 4, 100, updated, 1, 0, null, null);
  }

  /** Stores the rollout and backdates it, so "newest first" does not hang on now(). */
  private void insertCreatedMinutesAgo(String id, String status, int minutesAgo) {
    rollouts.apply(progress(id, status, 1, 0), 1);
    db.jdbc()
        .update(
            "UPDATE rollouts SET created_at = now() - make_interval(mins => ?) WHERE id = ?",
            minutesAgo,
            id);
  }

  private static List<String> ids(RolloutPage page) {
    return page.rows().stream().map(RolloutRow::id).toList();
  }

  @Test
  void planned_createsTheRowInPlanning_whichTheFirstStepReplaces() {
    Instant before = Instant.now().minusSeconds(1);
    rollouts.planned(ROLLOUT, "2.0.0", List.of(Tier.ORACLE, Tier.GUARDIAN));

    RolloutRow planned = rollouts.find(ROLLOUT).orElseThrow();
    assertThat(planned.status()).isEqualTo("PLANNING");
    assertThat(planned.tiers()).containsExactly(Tier.ORACLE, Tier.GUARDIAN);
    assertThat(planned.lastStep()).isZero();
    assertThat(planned.createdAt()).isAfter(before);

    assertThat(rollouts.apply(progress(ROLLOUT, "RUNNING", 1, 10), 1)).isTrue();

    RolloutRow row = rollouts.find(ROLLOUT).orElseThrow();
    assertThat(row)
        .usingRecursiveComparison()
        .ignoringFields("createdAt", "updatedAt")
        .isEqualTo(
            new RolloutRow(
                ROLLOUT,
                "2.0.0",
                List.of(Tier.ORACLE, Tier.GUARDIAN),
                "RUNNING",
                1,
                4,
                100,
                10,
                1,
                1,
                null,
                null));
    assertThat(row.createdAt()).isEqualTo(planned.createdAt());
  }

  @Test
  void planned_afterTheFirstStep_setsTheTiers_andKeepsTheProgress() {
    rollouts.apply(progress(ROLLOUT, "RUNNING", 1, 0), 1);

    rollouts.planned(ROLLOUT, "2.0.0", List.of(Tier.GUARDIAN));

    RolloutRow row = rollouts.find(ROLLOUT).orElseThrow();
    assertThat(row.tiers()).containsExactly(Tier.GUARDIAN);
    assertThat(row.status()).isEqualTo("RUNNING");
    assertThat(row.lastStep()).isEqualTo(1);
  }

  @Test
  void apply_changesTheRow_onlyForANewerStep() {
    rollouts.apply(progress(ROLLOUT, "RUNNING", 1, 0), 1);

    assertThat(rollouts.apply(progress(ROLLOUT, "RUNNING", 2, 50), 2)).isTrue();
    assertThat(rollouts.apply(progress(ROLLOUT, "RUNNING", 2, 50), 2))
        .as("the same step retried")
        .isFalse();
    assertThat(rollouts.apply(progress(ROLLOUT, "ABORTED", 1, 0), 1))
        .as("an older step arriving late")
        .isFalse();

    RolloutRow row = rollouts.find(ROLLOUT).orElseThrow();
    assertThat(row.status()).isEqualTo("RUNNING");
    assertThat(row.updated()).isEqualTo(50);
    assertThat(row.lastStep()).isEqualTo(2);
  }

  @Test
  void apply_refusesStepsBelowOne_whichThePlansRowUses() {
    assertThatThrownBy(() -> rollouts.apply(progress(ROLLOUT, "RUNNING", 1, 0), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void find_isEmpty_forAnUnknownId() {
    assertThat(rollouts.find("rollout-nope")).isEmpty();
  }

  @Test
  void list_newestFirst_pagesAndCounts() {
    insertCreatedMinutesAgo("rollout-ALL-1.0.0", "SUCCEEDED", 30);
    insertCreatedMinutesAgo("rollout-ALL-1.1.0", "ROLLED_BACK", 20);
    insertCreatedMinutesAgo("rollout-ALL-1.2.0", "RUNNING", 10);

    RolloutPage first = rollouts.list(0, 2);
    assertThat(ids(first)).containsExactly("rollout-ALL-1.2.0", "rollout-ALL-1.1.0");
    assertThat(first.total()).isEqualTo(3);
    assertThat(ids(rollouts.list(1, 2))).containsExactly("rollout-ALL-1.0.0");
    assertThatThrownBy(() -> rollouts.list(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void countsByStatus_countsEachStatusName() {
    insertCreatedMinutesAgo("rollout-ALL-1.0.0", "SUCCEEDED", 30);
    insertCreatedMinutesAgo("rollout-ALL-1.1.0", "SUCCEEDED", 20);
    insertCreatedMinutesAgo("rollout-ALL-1.2.0", "RUNNING", 10);

    assertThat(rollouts.countsByStatus())
        .containsExactly(Map.entry("RUNNING", 1L), Map.entry("SUCCEEDED", 2L));
  }

  @Test
  void schema_refusesAnIdOutsideTheRolloutNamespace_andUnknownTiers() {
    assertThatThrownBy(() -> rollouts.apply(progress("rel-1", "RUNNING", 1, 0), 1))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThatThrownBy(
            () ->
                db.jdbc()
                    .update(
                        "INSERT INTO rollouts (id, version, tiers, status, last_step)"
                            + " VALUES ('rollout-x', '1', '{VALIDATOR}', 'RUNNING', 1)"))
        .isInstanceOf(DataIntegrityViolationException.class);
  }
}
