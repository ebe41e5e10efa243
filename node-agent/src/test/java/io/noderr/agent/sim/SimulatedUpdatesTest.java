package io.noderr.agent.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.activities.node.NodeRevertRequest;
import io.noderr.activities.node.NodeUpdateRequest;
import io.noderr.activities.node.NodeUpdateRequest.Strategy;
import io.noderr.activities.node.NodeUpdateResult.FailureType;
import io.noderr.activities.node.NodeUpdateResult.Outcome;
import io.noderr.agent.runtime.RunningRelease;
import org.junit.jupiter.api.Test;

class SimulatedUpdatesTest {

  private final SimulatedNode node = new SimulatedNode("sim-00001", FailurePlan.NONE);
  private final SimulatedRuntime runtime =
      new SimulatedRuntime(new RunningRelease("1.0.0", FleetSimulator.digestOf("1.0.0")), node);
  private final ReleaseFaults faults = new ReleaseFaults();
  private final SimulatedUpdates updates = new SimulatedUpdates(node, runtime, faults);

  @Test
  void update_swaps_isIdempotentPerUpdateId_andRevertGoesBack() {
    assertThat(updates.update(request("u1", "1.1.0")).outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(runtime.running().version()).isEqualTo("1.1.0");
    assertThat(updates.update(request("u1", "1.1.0")).outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(updates.update(request("u2", "1.1.0")).outcome())
        .isEqualTo(Outcome.ALREADY_AT_TARGET);

    assertThat(updates.revert(new NodeRevertRequest("r1", "1.1.0", 1_000)).outcome())
        .isEqualTo(Outcome.ROLLED_BACK);
    assertThat(runtime.running().version()).isEqualTo("1.0.0");
    assertThat(updates.revert(new NodeRevertRequest("r2", "1.1.0", 1_000)).failure())
        .isEqualTo(FailureType.NOTHING_TO_REVERT);
  }

  @Test
  void aFaultyRelease_revertsOnTheNodesItFailsOn_andAnotherDigestIsRefused() {
    faults.failUpdatesTo("6.6.6", 100);

    var bad = updates.update(request("u1", "6.6.6"));
    var wrongDigest =
        updates.update(
            new NodeUpdateRequest(
                "u2",
                "ALL",
                "1.2.0",
                "img",
                "sha256:" + "00".repeat(32),
                Strategy.HAND_OVER,
                0,
                1_000,
                false));

    assertThat(bad.outcome()).isEqualTo(Outcome.REVERTED);
    assertThat(bad.failure()).isEqualTo(FailureType.UNHEALTHY);
    assertThat(wrongDigest.failure()).isEqualTo(FailureType.DIGEST_MISMATCH);
    assertThat(runtime.running().version()).isEqualTo("1.0.0");
  }

  private static NodeUpdateRequest request(String updateId, String version) {
    return new NodeUpdateRequest(
        updateId,
        "ALL",
        version,
        "noderr/node:" + version,
        FleetSimulator.digestOf(version),
        Strategy.HAND_OVER,
        0,
        1_000,
        false);
  }
}
