package io.noderr.agent.runtime.docker;

import static io.noderr.activities.node.NodeUpdateResult.FailureType.DIGEST_MISMATCH;
import static io.noderr.activities.node.NodeUpdateResult.FailureType.IMAGE_UNAVAILABLE;
import static io.noderr.activities.node.NodeUpdateResult.FailureType.NOTHING_TO_REVERT;
import static io.noderr.activities.node.NodeUpdateResult.FailureType.PREFLIGHT_FAILED;

import io.noderr.activities.node.NodeReleaseActivities;
import io.noderr.activities.node.NodeRevertRequest;
import io.noderr.activities.node.NodeUpdateActivities;
import io.noderr.activities.node.NodeUpdateRequest;
import io.noderr.activities.node.NodeUpdateResult;
import io.noderr.activities.node.NodeUpdateResult.FailureType;
import io.noderr.activities.node.NodeUpdateResult.Outcome;
import io.noderr.activities.node.ReleaseToVerify;
import io.noderr.activities.release.ReleaseFailures;
import io.noderr.agent.metrics.AgentMeters;
import io.noderr.agent.runtime.docker.ContainerSwap.Started;
import io.noderr.agent.runtime.docker.ContainerSwap.Undone;
import io.noderr.agent.runtime.docker.DockerEngine.ContainerState;
import io.noderr.agent.runtime.docker.NodeReleases.Deployment;
import io.noderr.agent.runtime.docker.NodeReleases.RecordedOutcome;
import io.noderr.agent.runtime.docker.NodeReleases.Release;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's update of its own software on its Docker Engine ({@link NodeUpdateActivities} has the
 * contract). An update: beacon digest check → update lock → crash recovery → image present with the
 * expected id (else pull) → preflight → swap → commit, or the swap puts the old container back.
 * Every failure a rollout gate counts is a result; only an unreachable engine, an unreadable beacon
 * or a retry that arrives while its first attempt still works here throw, and Temporal retries.
 */
public final class DockerNodeUpdates implements NodeUpdateActivities {

  private static final Logger log = LoggerFactory.getLogger(DockerNodeUpdates.class);

  /** For requests without a lease TTL: long enough for a pull and a soak. */
  private static final Duration DEFAULT_LEASE_TTL = Duration.ofMinutes(10);

  /** The running version reported before the agent installed anything. */
  private static final String NOTHING_INSTALLED = "none";

  private final String nodeId;
  private final DockerEngine engine;
  private final ReleaseStore releases;
  private final UpdateLease lease;
  private final NodeReleaseActivities beacon;
  private final ContainerSwap swap;
  private final Duration pullTimeout;

  /**
   * @param stateDir where {@code releases.json} and the update lease live
   * @param beacon the node's own digest check against its beacon
   */
  public DockerNodeUpdates(
      String nodeId,
      DockerEngine engine,
      Path stateDir,
      NodeReleaseActivities beacon,
      DockerSettings settings) {
    this.nodeId = nodeId;
    this.engine = engine;
    this.releases = new ReleaseStore(stateDir);
    this.lease = new UpdateLease(stateDir, Clock.systemUTC());
    this.beacon = beacon;
    this.swap = new ContainerSwap(engine, settings);
    this.pullTimeout = settings.pullTimeout();
  }

  @Override
  public NodeUpdateResult update(NodeUpdateRequest request) {
    long started = System.nanoTime();
    // Answered before the lock: a retry of a finished update must not wait behind the next one.
    Optional<NodeUpdateResult> done = recorded(request.updateId(), started);
    if (done.isPresent()) {
      return done.get();
    }
    try {
      // Going back to the release this node ran before and still holds pinned needs no beacon:
      // the node verified it when it installed it. That is what lets an emergency rollback work
      // while the beacon still names the bad release.
      boolean toPinned = isPinnedPrevious(releases.read(), request);
      if (!toPinned) {
        verifyWithBeacon(request);
      }
      try (UpdateLease.Held held =
          lease.acquire(request.updateId(), ttl(request.leaseTtlMillis()), request.forceLock())) {
        return counted(install(request, toPinned, progress(held), started));
      }
    } catch (UpdateRefused refused) {
      return counted(failed(refused, started));
    }
  }

  /**
   * Back to the pinned previous release, swapping the way the current one was installed; one
   * healthy probe suffices (no soak: the previous release already proved itself on this node).
   */
  @Override
  public NodeUpdateResult revert(NodeRevertRequest request) {
    long started = System.nanoTime();
    Optional<NodeUpdateResult> done = recorded(request.updateId(), started);
    if (done.isPresent()) {
      return done.get();
    }
    try (UpdateLease.Held held =
        lease.acquire(request.updateId(), ttl(request.leaseTtlMillis()), false)) {
      return counted(rollBack(request, progress(held), started));
    } catch (UpdateRefused refused) {
      return counted(failed(refused, started));
    }
  }

  /** Counts an update this call ran (not a retry answered from the record: it counted then). */
  private static NodeUpdateResult counted(NodeUpdateResult result) {
    AgentMeters.update(result.outcome().name());
    return result;
  }

  private NodeUpdateResult install(
      NodeUpdateRequest request, boolean toPinned, Progress progress, long started)
      throws UpdateRefused {
    NodeReleases state = recover();
    Deployment current = state.current();
    if (current != null && current.release().is(request.version(), request.imageDigest())) {
      return result(Outcome.ALREADY_AT_TARGET, null, "already runs " + current.release(), started);
    }
    Release target =
        new Release(
            request.version(),
            request.image(),
            toPinned ? pinnedImage(state, request) : localImage(request, progress));
    preflight(current);
    releases.save(state.swapping(request.updateId()));
    Duration soak = Duration.ofMillis(Math.max(0, request.soakMillis()));
    return switch (swap.swap(
        current, target, request.strategy(), request.updateId(), soak, progress)) {
      case Started s -> {
        // What it replaces becomes the rollback target (replacing nothing, the pin stays).
        Release pinned = current == null ? state.previous() : current.release();
        yield commit(state, s.deployment(), pinned, Outcome.UPDATED, request.updateId(), started);
      }
      case Undone u -> {
        // Remembered: a retry of this update must not install the failing release again.
        RecordedOutcome reverted = new RecordedOutcome(Outcome.REVERTED, u.failure(), u.detail());
        releases.save(state.undone(request.updateId(), reverted));
        log.warn("update {} reverted: {}", request.updateId(), u.detail());
        yield result(Outcome.REVERTED, u.failure(), u.detail(), started);
      }
    };
  }

  private NodeUpdateResult rollBack(NodeRevertRequest request, Progress progress, long started)
      throws UpdateRefused {
    NodeReleases state = recover();
    Deployment current = state.current();
    if (current == null || !current.release().version().equals(request.fromVersion())) {
      throw new UpdateRefused(
          NOTHING_TO_REVERT,
          "the node runs "
              + (current == null ? "nothing the agent installed" : current.release())
              + ", not "
              + request.fromVersion());
    }
    Release previous = state.previous();
    if (previous == null) {
      throw new UpdateRefused(NOTHING_TO_REVERT, "no previous release is pinned on this node");
    }
    if (engine.imageId(previous.digest()).isEmpty()) {
      throw new UpdateRefused(
          IMAGE_UNAVAILABLE, "the pinned image of " + previous + " is no longer on the node");
    }
    releases.save(state.swapping(request.updateId()));
    return switch (swap.swap(
        current, previous, current.strategy(), request.updateId(), Duration.ZERO, progress)) {
      case Started s ->
          commit(state, s.deployment(), null, Outcome.ROLLED_BACK, request.updateId(), started);
      case Undone u -> {
        // Not remembered: a retry may well succeed (the engine was busy, a port was still taken).
        releases.save(state.undone(request.updateId(), null));
        yield result(
            Outcome.FAILED,
            u.failure(),
            "the pinned " + previous.version() + " did not come back: " + u.detail(),
            started);
      }
    };
  }

  /**
   * Records {@code next} as current, then retires the container it replaced. The state is written
   * first: a crash after it leaves the old container as a stray that the next update removes.
   */
  private NodeUpdateResult commit(
      NodeReleases state,
      Deployment next,
      Release pinned,
      Outcome outcome,
      String updateId,
      long started) {
    Deployment old = state.current();
    if (pinned != null) {
      engine.pin(pinned.digest());
    }
    String detail =
        "runs "
            + next.release()
            + (old == null ? "" : " instead of " + old.release().version())
            + (pinned == null ? "" : "; " + pinned.version() + " pinned for rollback");
    releases.save(
        state.committed(next, pinned, updateId, new RecordedOutcome(outcome, null, detail)));
    if (old != null) {
      swap.retire(old);
    }
    log.info("{} {}: {}", updateId, outcome, detail);
    return result(outcome, null, detail, started);
  }

  private static boolean isPinnedPrevious(NodeReleases state, NodeUpdateRequest request) {
    return state.previous() != null
        && state.previous().is(request.version(), request.imageDigest());
  }

  /** The pinned previous release's image, checked again now that the lock is held. */
  private String pinnedImage(NodeReleases state, NodeUpdateRequest request) throws UpdateRefused {
    if (!isPinnedPrevious(state, request)) {
      throw new UpdateRefused(
          DIGEST_MISMATCH,
          "the pinned release changed while this update waited for the lock; "
              + request.version()
              + " is no longer pinned, retry to check it with the beacon");
    }
    return engine
        .imageId(request.imageDigest())
        .orElseThrow(
            () ->
                new UpdateRefused(
                    IMAGE_UNAVAILABLE,
                    "the pinned image of " + state.previous() + " is no longer on the node"));
  }

  /** Fails with the beacon's own words when it names another release (nothing is touched yet). */
  private void verifyWithBeacon(NodeUpdateRequest request) throws UpdateRefused {
    try {
      beacon.verifyRelease(
          new ReleaseToVerify(request.tier(), request.version(), request.imageDigest()));
    } catch (ApplicationFailure failure) {
      if (!ReleaseFailures.DIGEST_MISMATCH.equals(failure.getType())) {
        throw failure;
      }
      throw new UpdateRefused(DIGEST_MISMATCH, failure.getOriginalMessage());
    }
  }

  /** The id of the requested image on this node, pulled if it is missing or another image. */
  private String localImage(NodeUpdateRequest request, Progress progress) throws UpdateRefused {
    Optional<String> id = engine.imageId(request.image());
    String pullFailure = null;
    if (!id.map(found -> NodeReleases.sameDigest(found, request.imageDigest())).orElse(false)) {
      try {
        engine.pull(request.image(), pullTimeout, progress);
      } catch (ImageNotPulled e) {
        pullFailure = e.getMessage();
      }
      id = engine.imageId(request.image());
    }
    String pull = pullFailure == null ? "" : " (pull failed: " + pullFailure + ")";
    if (id.isEmpty()) {
      throw new UpdateRefused(
          IMAGE_UNAVAILABLE, request.image() + " is not on the node and was not pulled" + pull);
    }
    if (!NodeReleases.sameDigest(id.get(), request.imageDigest())) {
      throw new UpdateRefused(
          DIGEST_MISMATCH,
          request.image() + " is " + id.get() + " here, not " + request.imageDigest() + pull);
    }
    return id.get();
  }

  /** A node whose software is down is not updated: the update could not tell what it broke. */
  private void preflight(Deployment current) throws UpdateRefused {
    if (current != null
        && !engine.inspect(current.containerId()).map(ContainerState::running).orElse(false)) {
      throw new UpdateRefused(
          PREFLIGHT_FAILED, "the container of " + current.release() + " is not running");
    }
  }

  /** Undoes what a crash interrupted (see {@link ContainerSwap#recover}). */
  private NodeReleases recover() {
    NodeReleases state = releases.read();
    swap.recover(state);
    if (state.pendingUpdateId() == null) {
      return state;
    }
    log.warn(
        "update {} was interrupted mid-swap; the node is back as it was before it",
        state.pendingUpdateId());
    NodeReleases recovered = state.undone(state.pendingUpdateId(), null);
    releases.save(recovered);
    return recovered;
  }

  private Optional<NodeUpdateResult> recorded(String updateId, long started) {
    return releases
        .read()
        .outcomeOf(updateId)
        .map(o -> result(o.outcome(), o.failure(), o.detail() + " (recorded earlier)", started));
  }

  private static Progress progress(UpdateLease.Held held) {
    Progress heartbeats = Progress.heartbeats();
    return stage -> {
      heartbeats.report(stage);
      held.renew();
    };
  }

  private static Duration ttl(long leaseTtlMillis) {
    return leaseTtlMillis > 0 ? Duration.ofMillis(leaseTtlMillis) : DEFAULT_LEASE_TTL;
  }

  private NodeUpdateResult failed(UpdateRefused refused, long started) {
    log.warn("update refused ({}): {}", refused.type(), refused.getMessage());
    return result(Outcome.FAILED, refused.type(), refused.getMessage(), started);
  }

  private NodeUpdateResult result(
      Outcome outcome, FailureType failure, String detail, long started) {
    Deployment current = releases.read().current();
    return new NodeUpdateResult(
        nodeId,
        outcome,
        failure,
        detail,
        current == null ? NOTHING_INSTALLED : current.release().version(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }
}
