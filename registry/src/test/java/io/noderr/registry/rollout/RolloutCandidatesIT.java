package io.noderr.registry.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.registry.NodeFixture;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RolloutCandidatesIT {

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private final RolloutCandidates candidates = db.bean(RolloutCandidates.class);

  private static NodeFixture oracle(String id) {
    return NodeFixture.healthy(id, "acme", Tier.ORACLE, "eu-west");
  }

  @Test
  void inTiers_mapsTheNodeColumns_toWhatThePlannerNeeds() {
    db.insertNodes(
        List.of(
            oracle("n-1"),
            oracle("n-2").withHealth("UNHEALTHY").withAttestation("UNATTESTED"),
            oracle("n-3").withStatus("DEGRADED"),
            oracle("n-4").withHealth(null).withVersion(null),
            oracle("n-5").withStatus("QUARANTINED").withAttestation("FAILED")));

    assertThat(candidates.inTiers(List.of(Tier.ORACLE)))
        .containsExactly(
            new RolloutCandidate("n-1", Tier.ORACLE, "acme", "eu-west", "1.0.0", true, true, false),
            new RolloutCandidate(
                "n-2", Tier.ORACLE, "acme", "eu-west", "1.0.0", false, false, false),
            new RolloutCandidate(
                "n-3", Tier.ORACLE, "acme", "eu-west", "1.0.0", false, true, false),
            new RolloutCandidate("n-4", Tier.ORACLE, "acme", "eu-west", null, false, true, false),
            new RolloutCandidate(
                "n-5", Tier.ORACLE, "acme", "eu-west", "1.0.0", false, false, true));
  }

  @Test
  void inTiers_readsOnlyTheTargetedTiers_andNodesInService() {
    db.insertNodes(
        List.of(
            oracle("n-1"),
            NodeFixture.healthy("n-2", "acme", Tier.GUARDIAN, "eu-west"),
            NodeFixture.healthy("n-3", "acme", Tier.ALL, "eu-west"),
            oracle("n-4").withStatus("PENDING"),
            oracle("n-5").withStatus("RETIRED")));

    assertThat(candidates.inTiers(List.of(Tier.ORACLE, Tier.ALL)))
        .extracting(RolloutCandidate::nodeId)
        .containsExactly("n-1", "n-3");
    assertThat(candidates.inTiers(List.of())).isEmpty();
  }
}
