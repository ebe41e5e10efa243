package io.noderr.cli.sim;

import io.noderr.activities.node.NodeReleaseActivities;
import io.noderr.activities.node.NodeRevertRequest;
import io.noderr.activities.node.NodeUpdateActivities;
import io.noderr.activities.node.NodeUpdateRequest;
import io.noderr.activities.node.NodeUpdateResult;
import io.noderr.activities.node.NodeUpdateResult.FailureType;
import io.noderr.activities.node.NodeUpdateResult.Outcome;
import io.noderr.activities.node.ReleaseToVerify;
import io.noderr.activities.release.ReleaseFailures;
import io.noderr.agent.runtime.RunningRelease;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Optional;

/**
 * A simulated node's update: the same contract as the Docker runtime's, with the swap in memory.
 * The release is checked exactly as the Docker agent checks it: against the beacon of the node's
 * tier ({@link io.noderr.agent.release.BeaconDigestCheck}, read through the platform), except that
 * going back to the pinned previous release needs no beacon. The simulated image store holds every
 * image the beacon publishes, so what the signers published installs and nothing else does (a
 * mismatch is DIGEST_MISMATCH with the beacon's words). The node's failure mode applies (SLOW
 * delays, CRASH dies mid-update and comes back), plus the per-release faults ({@link
 * ReleaseFaults}). Idempotent per update id: a retry answers with the first outcome, and an update
 * or revert applied before the simulator restarted is not applied again ({@link FleetState} keeps
 * the releases and the applied update ids).
 */
class SimulatedUpdates implements NodeUpdateActivities {

  private final String nodeId;
  private final SimulatedNode node;
  private final SimulatedRuntime runtime;
  private final ReleaseFaults faults;
  private final NodeReleaseActivities releaseCheck;
  private final FleetState state;
  private volatile RunningRelease previous;
  private volatile String lastUpdateId;
  private volatile NodeUpdateResult lastResult;
  private volatile String crashedUpdateId;

  /**
   * @param releaseCheck the beacon check of this node's own tier
   * @param state where the node's releases and applied updates are kept
   */
  SimulatedUpdates(
      SimulatedNode node,
      SimulatedRuntime runtime,
      ReleaseFaults faults,
      NodeReleaseActivities releaseCheck,
      FleetState state) {
    this.nodeId = node.nodeId();
    this.node = node;
    this.runtime = runtime;
    this.faults = faults;
    this.releaseCheck = releaseCheck;
    this.state = state;
    this.previous = state.previous(nodeId).orElse(null);
  }

  @Override
  public synchronized NodeUpdateResult update(NodeUpdateRequest request) {
    if (request.updateId().equals(lastUpdateId)) {
      return lastResult;
    }
    long started = System.nanoTime();
    if (state.timesApplied(nodeId, request.updateId()) > 0
        && runtime.running().version().equals(request.version())) {
      // Delivered again after the simulator restarted (the platform never saw the answer). Rollout
      // ids repeat (tier + version), so an id applied before, then rolled back, applies again.
      return result(Outcome.UPDATED, null, "applied before a restart", started);
    }
    node.beforeActivity("update");
    RunningRelease current = runtime.running();
    NodeUpdateResult result;
    Optional<String> refusal;
    if (current.version().equals(request.version())) {
      result =
          result(Outcome.ALREADY_AT_TARGET, null, "already runs " + current.version(), started);
    } else if ((refusal = refusalOf(request)).isPresent()) {
      result = result(Outcome.FAILED, FailureType.DIGEST_MISMATCH, refusal.get(), started);
    } else {
      Optional<ReleaseFaults.Kind> fault = faults.faultOf(nodeId, request.version());
      fault.ifPresent(kind -> misbehave(kind, request));
      runtime.soak(new RunningRelease(request.version(), request.imageDigest()));
      try {
        soak(request.soakMillis());
      } finally {
        runtime.soak(null);
      }
      if (fault.equals(Optional.of(ReleaseFaults.Kind.UNHEALTHY))) {
        result =
            result(
                Outcome.REVERTED,
                FailureType.UNHEALTHY,
                "simulated: "
                    + request.version()
                    + " failed its health soak; back on "
                    + current.version(),
                started);
      } else {
        previous = current;
        runtime.install(new RunningRelease(request.version(), request.imageDigest()));
        state.applied(nodeId, request.updateId(), runtime.running(), previous);
        result = result(Outcome.UPDATED, null, "swapped from " + current.version(), started);
      }
    }
    lastUpdateId = request.updateId();
    lastResult = result;
    return result;
  }

  @Override
  public synchronized NodeUpdateResult revert(NodeRevertRequest request) {
    long started = System.nanoTime();
    if (state.timesApplied(nodeId, request.updateId()) > 0
        && !runtime.running().version().equals(request.fromVersion())) {
      return result(Outcome.ROLLED_BACK, null, "reverted before a restart", started);
    }
    node.beforeActivity("revert");
    RunningRelease current = runtime.running();
    if (previous == null || !current.version().equals(request.fromVersion())) {
      return result(
          Outcome.FAILED,
          FailureType.NOTHING_TO_REVERT,
          "runs " + current.version() + ", nothing of " + request.fromVersion() + " to revert",
          started);
    }
    runtime.install(previous);
    previous = null;
    lastUpdateId = null; // the same rollout id may come back (tier + version) and must apply
    state.applied(nodeId, request.updateId(), runtime.running(), null);
    return result(Outcome.ROLLED_BACK, null, "back from " + current.version(), started);
  }

  /**
   * Why the node refuses the release, if it does: the pinned previous release is trusted (it was
   * verified when first installed), anything else must be what the beacon publishes for the node's
   * tier. An unreadable beacon is not a refusal: the failure propagates and Temporal retries.
   */
  private Optional<String> refusalOf(NodeUpdateRequest request) {
    if (previous != null
        && previous.version().equals(request.version())
        && previous.imageDigest().equalsIgnoreCase(request.imageDigest())) {
      return Optional.empty();
    }
    try {
      releaseCheck.verifyRelease(
          new ReleaseToVerify(request.tier(), request.version(), request.imageDigest()));
      return Optional.empty();
    } catch (ApplicationFailure failure) {
      if (!ReleaseFailures.DIGEST_MISMATCH.equals(failure.getType())) {
        throw failure;
      }
      return Optional.of(failure.getOriginalMessage());
    }
  }

  /**
   * The release fault's part before the soak; UNHEALTHY shows in the soak's verdict instead, ERRORS
   * and LATENCY only in the node's telemetry afterwards.
   */
  private void misbehave(ReleaseFaults.Kind kind, NodeUpdateRequest request) {
    switch (kind) {
      case SLOW -> SimulatedNode.sleepHeartbeating(ReleaseFaults.SLOW_MILLIS);
      case CRASH -> {
        // Once per update: the agent that comes back finishes the retried update.
        if (!request.updateId().equals(crashedUpdateId)) {
          crashedUpdateId = request.updateId();
          node.crash();
        }
      }
      case HANG -> hang();
      // The update succeeds and the soak passes: these show only in telemetry.
      case UNHEALTHY, ERRORS, LATENCY -> {}
    }
  }

  /**
   * No answer and no heartbeat until the attempt's own deadline has passed, when nobody waits for
   * the result any more (a virtual thread parked, not a platform thread).
   */
  private static void hang() {
    var info = Activity.getExecutionContext().getInfo();
    SimulatedNode.sleep(info.getStartToCloseTimeout().plus(info.getHeartbeatTimeout()).toMillis());
    throw new IllegalStateException("simulated agent that never answered woke up");
  }

  private NodeUpdateResult result(
      Outcome outcome, FailureType failure, String detail, long startedNanos) {
    return new NodeUpdateResult(
        nodeId,
        outcome,
        failure,
        detail,
        runtime.running().version(),
        (System.nanoTime() - startedNanos) / 1_000_000);
  }

  /** The health soak, heartbeating like a real agent would. */
  private static void soak(long millis) {
    long until = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < until) {
      Activity.getExecutionContext().heartbeat(null);
      try {
        Thread.sleep(Duration.ofMillis(Math.min(500, until - System.currentTimeMillis())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
