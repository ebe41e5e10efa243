package io.noderr.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Remembers positive session answers for a while, so a worker's stream of calls costs one registry
 * query per second, not one per call (the node API's {@code RememberedSessions} keeps them longer,
 * with a sweep). Negative answers are never cached (a token just issued must work at once), and an
 * entry is never believed for longer than {@code ttl}, so a revoked session or a quarantined node
 * is refused within that time.
 */
public final class SessionCache {

  /** Above this many entries, expired ones are dropped before adding (a bound, not an LRU). */
  private static final int PRUNE_ABOVE = 50_000;

  private final NodeSessionLookup lookup;
  private final Duration ttl;
  private final Clock clock;
  private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

  public SessionCache(NodeSessionLookup lookup, Duration ttl, Clock clock) {
    this.lookup = lookup;
    this.ttl = ttl;
    this.clock = clock;
  }

  public Optional<String> nodeOf(String tokenHash) {
    Instant now = clock.instant();
    Entry cached = entries.get(tokenHash);
    if (cached != null && now.isBefore(cached.until())) {
      return Optional.of(cached.nodeId());
    }
    Optional<String> node = lookup.nodeOf(tokenHash);
    if (node.isPresent()) {
      if (entries.size() > PRUNE_ABOVE) {
        entries.values().removeIf(e -> !now.isBefore(e.until()));
      }
      entries.put(tokenHash, new Entry(node.get(), now.plus(ttl)));
    } else {
      entries.remove(tokenHash);
    }
    return node;
  }

  /** Forgets a session the sweep found dead, so its next call asks the registry. */
  public void forget(String tokenHash) {
    entries.remove(tokenHash);
  }

  private record Entry(String nodeId, Instant until) {}
}
