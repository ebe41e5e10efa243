package io.noderr.gateway.agent;

import io.noderr.gateway.http.DueSweep;
import io.noderr.registry.identity.NodeIdentities;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Which nodes a fleet credential may report for, remembered per node: agents that each post their
 * own report every 10 s would otherwise cost one registry query per request. On a miss the whole
 * fleet's answer is read in one query (one caller reads, the others wait for it), at most once per
 * half {@code ttl}: 10,000 agents starting together cost one query, not 10,000 queued for a
 * connection. Nodes still unknown after it (enrolled since) are asked one batch at a time.
 *
 * <p>Only "may" is remembered, for at most {@code ttl}; a refusal is asked again every time, so a
 * node just enrolled in another tier is refused at once. A node's tier never changes; what can is
 * that it proves an identity, after which only its own session may speak for it: at most every
 * {@code sweepEvery} the scope asks which nodes were identified since it last asked and forgets
 * them, so such a node is refused to the fleet credential within {@code sweepEvery}.
 */
final class FleetCredentialScope {

  /** Identities committed a little after their {@code registered_at} are still caught. */
  private static final Duration LATE_COMMIT_MARGIN = Duration.ofSeconds(5);

  /** Above this many entries, expired ones are dropped before adding (a bound, not an LRU). */
  private static final int PRUNE_ABOVE = 200_000;

  private final NodeIdentities identities;
  private final Duration ttl;
  private final Clock clock;
  private final ConcurrentMap<Key, Instant> mayUntil = new ConcurrentHashMap<>();
  private final DueSweep sweep;
  private final ReentrantLock fleetRead = new ReentrantLock();
  private final Map<Boolean, Instant> fleetReadAt = new ConcurrentHashMap<>();

  FleetCredentialScope(NodeIdentities identities, Duration ttl, Duration sweepEvery, Clock clock) {
    this.identities = identities;
    this.ttl = ttl;
    this.clock = clock;
    this.sweep = new DueSweep(sweepEvery, ttl, LATE_COMMIT_MARGIN, clock, this::forgetIdentified);
  }

  /** Like {@link NodeIdentities#beyondFleetCredential}, asking only about nodes not remembered. */
  Set<String> beyond(List<String> nodeIds, boolean anyTier) {
    sweep.runIfDue();
    List<String> unsure = unsure(nodeIds, anyTier);
    if (unsure.isEmpty()) {
      return Set.of();
    }
    readFleetIfStale(anyTier);
    unsure = unsure(unsure, anyTier);
    if (unsure.isEmpty()) {
      return Set.of();
    }
    Set<String> beyond = identities.beyondFleetCredential(unsure, anyTier);
    remember(unsure.stream().filter(id -> !beyond.contains(id)).toList(), anyTier, clock.instant());
    return beyond;
  }

  private List<String> unsure(List<String> nodeIds, boolean anyTier) {
    Instant now = clock.instant();
    return nodeIds.stream()
        .distinct()
        .filter(
            id -> {
              Instant until = mayUntil.get(new Key(id, anyTier));
              return until == null || !now.isBefore(until);
            })
        .toList();
  }

  private void readFleetIfStale(boolean anyTier) {
    fleetRead.lock();
    try {
      Instant now = clock.instant();
      Instant readAt = fleetReadAt.get(anyTier);
      if (readAt != null && now.isBefore(readAt.plus(ttl.dividedBy(2)))) {
        return;
      }
      remember(identities.withinFleetCredential(anyTier), anyTier, now);
      fleetReadAt.put(anyTier, now);
    } finally {
      fleetRead.unlock();
    }
  }

  private void remember(Iterable<String> nodeIds, boolean anyTier, Instant now) {
    if (mayUntil.size() > PRUNE_ABOVE) {
      mayUntil.values().removeIf(until -> !now.isBefore(until));
    }
    Instant until = now.plus(ttl);
    nodeIds.forEach(id -> mayUntil.put(new Key(id, anyTier), until));
  }

  private void forgetIdentified(Duration within) {
    for (String nodeId : identities.identifiedWithin(within)) {
      mayUntil.remove(new Key(nodeId, true));
      mayUntil.remove(new Key(nodeId, false));
    }
  }

  private record Key(String nodeId, boolean anyTier) {}
}
