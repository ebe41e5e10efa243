package io.noderr.agent.runtime.docker;

import io.noderr.activities.node.NodeUpdateResult.FailureType;
import io.noderr.agent.state.JsonFile;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's update lock: a lease ({@code update.lease}: update id and expiry) that the working
 * update renews while it makes progress. It outlives the agent process on purpose: after a crash
 * mid-update, only a retry of the same update (or an operator's forced take-over) may touch the
 * node until the lease lapses. Inside one agent, updates also run one at a time.
 */
final class UpdateLease {

  static final String NAME = "update.lease";

  /** ApplicationFailure type when a retry arrives while the same update still works here. */
  static final String IN_PROGRESS = "UpdateInProgress";

  private static final Logger log = LoggerFactory.getLogger(UpdateLease.class);

  /** What the lease file holds. */
  record Holder(String updateId, Instant expiresAt) {}

  private final JsonFile<Holder> file;
  private final Clock clock;
  private final ReentrantLock working = new ReentrantLock();
  private volatile String workingOn;

  UpdateLease(Path stateDir, Clock clock) {
    this.file = new JsonFile<>(stateDir.resolve(NAME), Holder.class);
    this.clock = clock;
  }

  /**
   * Takes the lease for {@code updateId} for {@code ttl}.
   *
   * @throws UpdateRefused LOCKED while another update holds a live lease (unless {@code force}) or
   *     works in this agent right now (a force cannot stop a running update)
   * @throws ApplicationFailure retryable, when this same update is still working here: a retry that
   *     Temporal started while the first attempt runs waits for its outcome
   */
  Held acquire(String updateId, Duration ttl, boolean force) throws UpdateRefused {
    if (!working.tryLock()) {
      String other = workingOn;
      if (updateId.equals(other)) {
        throw ApplicationFailure.newFailure(
            "update " + updateId + " is still in progress on this node", IN_PROGRESS);
      }
      throw new UpdateRefused(
          FailureType.LOCKED, "another update (" + other + ") is in progress on this node");
    }
    workingOn = updateId;
    try {
      Optional<Holder> holder = file.read().filter(h -> !h.updateId().equals(updateId));
      if (holder.isPresent() && holder.get().expiresAt().isAfter(clock.instant())) {
        if (!force) {
          throw new UpdateRefused(
              FailureType.LOCKED,
              "update "
                  + holder.get().updateId()
                  + " holds the update lock until "
                  + holder.get().expiresAt());
        }
        log.warn(
            "update {} forcibly takes over the update lock held by update {} until {}",
            updateId,
            holder.get().updateId(),
            holder.get().expiresAt());
      }
      Held held = new Held(updateId, ttl);
      held.write();
      return held;
    } catch (UpdateRefused | RuntimeException e) {
      workingOn = null;
      working.unlock();
      throw e;
    }
  }

  /** The lease while an update works; closing it releases the lock. */
  final class Held implements AutoCloseable {

    private final String updateId;
    private final Duration ttl;
    private volatile Instant written;

    private Held(String updateId, Duration ttl) {
      this.updateId = updateId;
      this.ttl = ttl;
    }

    /** Extends the lease; writes only once a third of it has passed, not on every probe. */
    void renew() {
      if (Duration.between(written, clock.instant()).compareTo(ttl.dividedBy(3)) >= 0) {
        write();
      }
    }

    private void write() {
      written = clock.instant();
      file.write(new Holder(updateId, written.plus(ttl)));
    }

    @Override
    public void close() {
      try {
        // A forced take-over from another agent process may own the file by now.
        if (file.read().map(h -> h.updateId().equals(updateId)).orElse(false)) {
          file.delete();
        }
      } finally {
        workingOn = null;
        working.unlock();
      }
    }
  }
}
