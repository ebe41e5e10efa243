package io.noderr.cli.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.noderr.activities.node.NodeRevertRequest;
import io.noderr.activities.node.NodeUpdateActivities;
import io.noderr.activities.node.NodeUpdateRequest;
import io.noderr.activities.node.NodeUpdateRequest.Strategy;
import io.noderr.activities.node.NodeUpdateResult.FailureType;
import io.noderr.activities.node.NodeUpdateResult.Outcome;
import io.noderr.activities.release.BeaconTier;
import io.noderr.agent.release.BeaconDigestCheck;
import io.noderr.agent.release.BeaconRelease;
import io.noderr.agent.release.TestBeacon;
import io.noderr.agent.runtime.RunningRelease;
import io.noderr.signing.ImageDigest;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedUpdatesTest {

  private final SimulatedNode node = new SimulatedNode("sim-00001", FailurePlan.NONE);
  private final SimulatedRuntime runtime =
      new SimulatedRuntime(new RunningRelease("1.0.0", FleetSimulator.digestOf("1.0.0")), node);
  private final ReleaseFaults faults = new ReleaseFaults();

  /** What the tier's beacon publishes now (null: nothing yet). */
  private volatile BeaconRelease published;

  private final BeaconDigestCheck beacon =
      new BeaconDigestCheck(new TestBeacon(tier -> Optional.ofNullable(published)), BeaconTier.ALL);
  private final SimulatedUpdates updates =
      new SimulatedUpdates(node, runtime, faults, beacon, FleetState.inMemory());

  private void publish(String version) {
    published = new BeaconRelease(version, ImageDigest.parse(FleetSimulator.digestOf(version)));
  }

  @Test
  void onlyWhatTheBeaconPublishes_installs_butThePinnedPreviousNeedsNoBeacon() {
    var unpublished = updates.update(request("u1", "1.1.0"));
    assertThat(unpublished.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(unpublished.failure()).isEqualTo(FailureType.DIGEST_MISMATCH);
    assertThat(unpublished.detail())
        .contains("holds no release for tier ALL, asked to install 1.1.0");

    publish("1.1.0");
    assertThat(updates.update(request("u2", "1.1.0")).outcome()).isEqualTo(Outcome.UPDATED);
    publish("1.2.0");
    assertThat(updates.update(request("u3", "1.0.0")).outcome())
        .as("back to the pinned previous release while the beacon names 1.2.0")
        .isEqualTo(Outcome.UPDATED);
    assertThat(updates.update(request("u4", "1.1.5")).failure())
        .as("1.1.5 is neither published nor pinned")
        .isEqualTo(FailureType.DIGEST_MISMATCH);
  }

  @Test
  void update_swaps_isIdempotentPerUpdateId_andRevertGoesBack() {
    publish("1.1.0");
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
    faults.set("6.6.6", ReleaseFaults.Kind.UNHEALTHY, 100);
    publish("6.6.6");

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

  @Test
  void errorsAndLatencyFaults_letTheUpdateAndItsSoakSucceed() {
    faults.set("7.0.0", ReleaseFaults.Kind.ERRORS, 100);
    faults.set("7.1.0", ReleaseFaults.Kind.LATENCY, 100);
    publish("7.0.0");
    assertThat(updates.update(request("u1", "7.0.0")).outcome()).isEqualTo(Outcome.UPDATED);
    publish("7.1.0");
    assertThat(updates.update(request("u2", "7.1.0")).outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(runtime.running().version()).isEqualTo("7.1.0");
  }

  @Test
  void aCrashMidUpdate_failsTheAttempt_andTheRetryOfTheSameUpdateFinishesIt() {
    SimulatedNode crashing = new SimulatedNode("sim-00002", new FailurePlan(0, 0, 0, 0, 0, 10));
    SimulatedUpdates agent =
        new SimulatedUpdates(crashing, runtime, faults, beacon, FleetState.inMemory());
    faults.set("1.7.0", ReleaseFaults.Kind.CRASH, 100);
    publish("1.7.0");

    assertThatThrownBy(() -> agent.update(request("u1", "1.7.0"))).hasMessageContaining("crash");
    assertThat(runtime.running().version()).isEqualTo("1.0.0");
    assertThat(agent.update(request("u1", "1.7.0")).outcome()).isEqualTo(Outcome.UPDATED);
  }

  @Test
  void aRestartedNode_keepsItsReleaseAndPinnedPrevious_andAppliesNoUpdateTwice(@TempDir Path dir) {
    Path file = dir.resolve("sim.json");
    publish("1.1.0");
    assertThat(restarted(file).update(request("u1", "1.1.0")).outcome()).isEqualTo(Outcome.UPDATED);

    // The platform never saw the answer and delivers u1 again to the restarted agent.
    SimulatedUpdates again = restarted(file);
    var redelivered = again.update(request("u1", "1.1.0"));
    assertThat(redelivered.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(redelivered.runningVersion()).isEqualTo("1.1.0");
    assertThat(redelivered.detail()).isEqualTo("applied before a restart");

    publish("1.2.0"); // the pinned previous release needs no beacon, also after a restart
    assertThat(again.revert(new NodeRevertRequest("r1", "1.1.0", 1_000)).outcome())
        .isEqualTo(Outcome.ROLLED_BACK);
    SimulatedUpdates afterRevert = restarted(file);
    assertThat(afterRevert.revert(new NodeRevertRequest("r1", "1.1.0", 1_000)).detail())
        .isEqualTo("reverted before a restart");

    FleetState kept = FleetState.open(file);
    assertThat(kept.versions()).containsEntry("sim-00001", "1.0.0");
    assertThat(kept.appliedUpdates()).isEqualTo(Map.of("sim-00001", Map.of("u1", 1, "r1", 1)));
  }

  @Test
  void anUpdateIdRolledBack_appliesAgain_whenTheSameRolloutComesBack(@TempDir Path dir) {
    Path file = dir.resolve("sim.json");
    SimulatedUpdates agent = restarted(file);
    publish("1.1.0");
    assertThat(agent.update(request("rollout-ALL-1.1.0:n", "1.1.0")).outcome())
        .isEqualTo(Outcome.UPDATED);
    assertThat(
            agent
                .revert(new NodeRevertRequest("rollout-ALL-1.1.0:n:revert", "1.1.0", 1_000))
                .outcome())
        .isEqualTo(Outcome.ROLLED_BACK);

    var again = restarted(file).update(request("rollout-ALL-1.1.0:n", "1.1.0"));

    assertThat(again.detail()).isEqualTo("swapped from 1.0.0");
    assertThat(FleetState.open(file).timesApplied("sim-00001", "rollout-ALL-1.1.0:n")).isEqualTo(2);
  }

  /** The node's agent as it comes back after its process died: state read from the file. */
  private SimulatedUpdates restarted(Path file) {
    FleetState state = FleetState.open(file);
    RunningRelease initial = new RunningRelease("1.0.0", FleetSimulator.digestOf("1.0.0"));
    SimulatedRuntime restartedRuntime =
        new SimulatedRuntime(state.join(List.of("sim-00001"), initial).get("sim-00001"), node);
    return new SimulatedUpdates(node, restartedRuntime, faults, beacon, state);
  }

  @Test
  void aHangingNode_neverAnswers_untilItsAttemptTimedOut() {
    faults.set("1.8.0", ReleaseFaults.Kind.HANG, 100);
    publish("1.8.0");
    TestActivityEnvironment temporal = TestActivityEnvironment.newInstance();
    try {
      temporal.registerActivitiesImplementations(updates);
      NodeUpdateActivities activity =
          temporal.newActivityStub(
              NodeUpdateActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofMillis(300))
                  .setHeartbeatTimeout(Duration.ofMillis(200))
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                  .build());

      assertThatThrownBy(() -> activity.update(request("u1", "1.8.0")))
          .isInstanceOf(ActivityFailure.class);
    } finally {
      temporal.close();
    }
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
