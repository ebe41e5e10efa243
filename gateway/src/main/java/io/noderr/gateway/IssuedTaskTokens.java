package io.noderr.gateway;

import com.google.protobuf.ByteString;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The activity task tokens this gateway handed out, and to which node. A node may answer or
 * heartbeat only a task it was given: a task token is an opaque bearer capability for another
 * node's work otherwise (answering FAILED for someone else's update would trip a rollout gate).
 *
 * <p>In memory on purpose: after a gateway restart the map is empty, the node's answers for older
 * tasks are refused, the task times out and Temporal retries it on a fresh poll.
 */
final class IssuedTaskTokens {

  /** Answers may arrive a little after the activity's own timeout; the server then refuses them. */
  private static final Duration GRACE = Duration.ofMinutes(1);

  /** When the poll response names no StartToClose timeout (it always should). */
  private static final Duration FALLBACK = Duration.ofHours(1);

  private final Clock clock;
  private final ConcurrentMap<ByteString, Issued> issued = new ConcurrentHashMap<>();

  IssuedTaskTokens(Clock clock) {
    this.clock = clock;
  }

  void issue(ByteString token, String nodeId, Duration startToClose) {
    Duration lifetime = startToClose.isZero() ? FALLBACK : startToClose;
    issued.put(token, new Issued(nodeId, clock.instant().plus(lifetime).plus(GRACE)));
  }

  boolean heldBy(ByteString token, String nodeId) {
    Issued entry = issued.get(token);
    return entry != null
        && entry.nodeId().equals(nodeId)
        && clock.instant().isBefore(entry.expiresAt());
  }

  /** The task is answered: its token is spent. */
  void spend(ByteString token) {
    issued.remove(token);
  }

  void dropExpired() {
    Instant now = clock.instant();
    issued.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
  }

  private record Issued(String nodeId, Instant expiresAt) {}
}
