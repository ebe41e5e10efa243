package io.noderr.gateway.agent;

import io.noderr.registry.identity.NodeIdentities;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Which nodes a fleet credential may report for, remembered per node: agents that each post their
 * own report every 10 s would otherwise cost one registry query per request. Only "may" is
 * remembered, for at most {@code ttl} (a refusal is asked again every time, so a node just enrolled
 * in another tier is refused at once). A node's tier never changes; what can change is that it
 * proves an identity, after which only its own session may speak for it: before answering, at most
 * every {@code sweepEvery}, the scope asks which nodes were identified since it last asked and
 * forgets them. A node that proves its identity is thus refused to the fleet credential within
 * {@code sweepEvery} of the next report.
 */
final class FleetCredentialScope {

  /** Identities committed a little after their {@code registered_at} are still caught. */
  private static final Duration LATE_COMMIT_MARGIN = Duration.ofSeconds(5);

  /** Above this many entries, expired ones are dropped before adding (a bound, not an LRU). */
  private static final int PRUNE_ABOVE = 100_000;

  private final NodeIdentities identities;
  private final Duration ttl;
  private final Duration sweepEvery;
  private final Clock clock;
  private final ConcurrentMap<Key, Instant> mayUntil = new ConcurrentHashMap<>();
  private final Object sweepLock = new Object();
  private volatile Instant lastSweep;

  FleetCredentialScope(NodeIdentities identities, Duration ttl, Duration sweepEvery, Clock clock) {
    this.identities = identities;
    this.ttl = ttl;
    this.sweepEvery = sweepEvery;
    this.clock = clock;
  }

  /** Like {@link NodeIdentities#beyondFleetCredential}, asking only about nodes not remembered. */
  Set<String> beyond(List<String> nodeIds, boolean anyTier) {
    Instant now = clock.instant();
    sweepIfDue(now);
    List<String> unsure =
        nodeIds.stream().distinct().filter(id -> !remembered(new Key(id, anyTier), now)).toList();
    if (unsure.isEmpty()) {
      return Set.of();
    }
    Set<String> beyond = identities.beyondFleetCredential(unsure, anyTier);
    if (mayUntil.size() > PRUNE_ABOVE) {
      mayUntil.values().removeIf(until -> !now.isBefore(until));
    }
    Instant until = now.plus(ttl);
    unsure.stream()
        .filter(id -> !beyond.contains(id))
        .forEach(id -> mayUntil.put(new Key(id, anyTier), until));
    return beyond;
  }

  private boolean remembered(Key key, Instant now) {
    Instant until = mayUntil.get(key);
    return until != null && now.isBefore(until);
  }

  private void sweepIfDue(Instant now) {
    if (!sweepDue(now)) {
      return;
    }
    synchronized (sweepLock) {
      if (!sweepDue(now)) {
        return;
      }
      if (lastSweep != null) {
        // Entries older than ttl are not believed anyway: no need to look further back.
        Duration since = Duration.between(lastSweep, now);
        Duration window = (since.compareTo(ttl) > 0 ? ttl : since).plus(LATE_COMMIT_MARGIN);
        for (String nodeId : identities.identifiedWithin(window)) {
          mayUntil.remove(new Key(nodeId, true));
          mayUntil.remove(new Key(nodeId, false));
        }
      }
      lastSweep = now;
    }
  }

  private boolean sweepDue(Instant now) {
    Instant last = lastSweep;
    return last == null || !now.isBefore(last.plus(sweepEvery));
  }

  private record Key(String nodeId, boolean anyTier) {}
}
