package io.noderr.gateway.http;

import io.noderr.gateway.NodeSessionLookup;
import io.noderr.gateway.SessionCache;
import io.noderr.registry.identity.NodeSessions;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The node API's session check. Every node posts a report every 10 s, so a cache believed for a
 * second (the node gateway's) would never be hit: a session's answer is believed for {@link
 * #BELIEVED_FOR}, and every {@link #SWEEP_EVERY} (inline, on the next call) the registry is asked
 * which sessions ended since (revoked, expired, or of a node quarantined or retired) and those are
 * forgotten. A revoked session or a quarantined node's is thus refused within {@link #SWEEP_EVERY}.
 * Unknown and ended sessions are never remembered.
 */
final class RememberedSessions {

  static final Duration BELIEVED_FOR = Duration.ofSeconds(60);
  static final Duration SWEEP_EVERY = Duration.ofSeconds(2);

  /** Revocations are stamped when their transaction starts, which may be before it commits. */
  private static final Duration LATE_COMMIT_MARGIN = Duration.ofSeconds(30);

  private final SessionCache cache;
  private final DueSweep sweep;

  RememberedSessions(NodeSessions sessions, Clock clock) {
    NodeSessionLookup lookup =
        new NodeSessionLookup() {
          @Override
          public Optional<String> nodeOf(String tokenHash) {
            return sessions.nodeOf(tokenHash);
          }

          @Override
          public Set<String> endedWithin(Duration window) {
            return sessions.endedWithin(window);
          }
        };
    this.cache = new SessionCache(lookup, BELIEVED_FOR, clock);
    this.sweep =
        new DueSweep(
            SWEEP_EVERY,
            BELIEVED_FOR,
            LATE_COMMIT_MARGIN,
            clock,
            window -> lookup.endedWithin(window).forEach(cache::forget));
  }

  /** The node a live session belongs to, by the token's SHA-256. */
  Optional<String> nodeOf(String tokenHash) {
    sweep.runIfDue();
    return cache.nodeOf(tokenHash);
  }
}
