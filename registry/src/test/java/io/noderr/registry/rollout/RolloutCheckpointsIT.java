package io.noderr.registry.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.rollout.RolloutCheckpoints.StoredCheckpoint;
import io.noderr.registry.rollout.RolloutCheckpoints.UnfinishedRollout;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RolloutCheckpointsIT {

  private static final List<String> FINAL =
      List.of("SUCCEEDED", "ROLLED_BACK", "ABORTED", "FAILED");

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private final Rollouts rollouts = db.bean(Rollouts.class);
  private final RolloutCheckpoints checkpoints = db.bean(RolloutCheckpoints.class);

  private void rollout(String id, String status) {
    rollouts.apply(
        new RolloutRow(id, "2.0.0", List.of(), status, 1, 2, 10, 0, 0, 0, null, null), 1);
  }

  private static StoredCheckpoint at(String id, int position, long takenAt) {
    return new StoredCheckpoint(
        id, "ROLLING_OUT", 1, position, "{\"position\":" + position + "}", takenAt);
  }

  @Test
  void save_keepsTheNewest_evenWhenAnOlderWriteArrivesLate() {
    rollout("rollout-ALL-2.0.0", "RUNNING");

    assertThat(checkpoints.save(at("rollout-ALL-2.0.0", 500, 1_000))).isTrue();
    assertThat(checkpoints.save(at("rollout-ALL-2.0.0", 1_000, 2_000))).isTrue();
    assertThat(checkpoints.save(at("rollout-ALL-2.0.0", 500, 1_000))).isFalse();

    StoredCheckpoint stored =
        checkpoints.unfinished(FINAL).stream()
            .filter(u -> u.rolloutId().equals("rollout-ALL-2.0.0"))
            .findFirst()
            .orElseThrow()
            .checkpoint();
    assertThat(stored.position()).isEqualTo(1_000);
    assertThat(stored.input()).isEqualTo("{\"position\": 1000}");
  }

  @Test
  void unfinished_listsRolloutsNotInAFinalStatus_withTheirCheckpointOrNone() {
    rollout("rollout-ORACLE-3.0.0", "ROLLING_BACK");
    rollout("rollout-GUARDIAN-3.0.0", "SUCCEEDED");
    rollout("rollout-ALL-3.0.0", "PLANNING");
    checkpoints.save(at("rollout-ORACLE-3.0.0", 20, 5));
    checkpoints.save(at("rollout-GUARDIAN-3.0.0", 40, 5));

    List<UnfinishedRollout> unfinished = checkpoints.unfinished(FINAL);

    assertThat(unfinished)
        .extracting(UnfinishedRollout::rolloutId)
        .contains("rollout-ORACLE-3.0.0", "rollout-ALL-3.0.0")
        .doesNotContain("rollout-GUARDIAN-3.0.0");
    assertThat(unfinished)
        .filteredOn(u -> u.rolloutId().equals("rollout-ALL-3.0.0"))
        .singleElement()
        .satisfies(u -> assertThat(u.checkpoint()).isNull());
  }

  @Test
  void showUntilNextStep_isReplacedByTheWorkflowsNextStep() {
    rollout("rollout-ALL-4.0.0", "RUNNING");

    assertThat(rollouts.showUntilNextStep("rollout-ALL-4.0.0", "RESUMING")).isTrue();
    assertThat(rollouts.find("rollout-ALL-4.0.0").orElseThrow().status()).isEqualTo("RESUMING");
    assertThat(
            rollouts.apply(
                new RolloutRow(
                    "rollout-ALL-4.0.0",
                    "4.0.0",
                    List.of(),
                    "RUNNING",
                    1,
                    2,
                    10,
                    3,
                    0,
                    0,
                    null,
                    null),
                2))
        .isTrue();

    assertThat(rollouts.find("rollout-ALL-4.0.0").orElseThrow().status()).isEqualTo("RUNNING");
    assertThat(rollouts.showUntilNextStep("rollout-ALL-nobody", "RESUMING")).isFalse();
  }
}
