package io.noderr.activities.node;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The per-node update, run by the node's own agent on its own task queue ({@code node-<id>}).
 *
 * <p>{@link #update}: verify the digest against the beacon → fetch/load the image → preflight
 * health → start the new container (hand-over: beside the old one; or stop-then-start) → health
 * probes for the soak period → commit (remove the old container, keep the previous image pinned for
 * rollback) or revert automatically. Heartbeats throughout. Idempotent per {@code updateId}: a
 * retry after an agent crash finds the swap already done (or undone) and answers with that outcome
 * instead of swapping twice.
 *
 * <p>The node holds an update lock while it works: a lease with a TTL, so a second update (another
 * rollout, a retry from another workflow run) waits or is refused with {@code LOCKED} rather than
 * racing the first; {@code forceLock} takes over a lease after an audited decision.
 */
@ActivityInterface
public interface NodeUpdateActivities {

  @ActivityMethod
  NodeUpdateResult update(NodeUpdateRequest request);

  /**
   * Puts the previous release back (the pinned N-1 image) — the rollback path, with no soak and no
   * digest check against the beacon's current release (the previous one was verified when it was
   * installed).
   */
  @ActivityMethod
  NodeUpdateResult revert(NodeRevertRequest request);
}
