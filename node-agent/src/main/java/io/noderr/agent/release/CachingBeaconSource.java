package io.noderr.agent.release;

import io.noderr.activities.release.BeaconTier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Keeps each tier's answer (or failure) for a short while, and lets one caller per tier read while
 * the others wait for its answer: a simulator asking for 10,000 nodes at once reads each tier once
 * per {@code ttl} instead of 10,000 times. A lock rather than {@code synchronized}, because callers
 * are virtual threads.
 */
public final class CachingBeaconSource implements BeaconSource {

  private final BeaconSource source;
  private final Duration ttl;
  private final Clock clock;
  private final Map<BeaconTier, Entry> entries = new EnumMap<>(BeaconTier.class);

  public CachingBeaconSource(BeaconSource source, Duration ttl, Clock clock) {
    this.source = source;
    this.ttl = ttl;
    this.clock = clock;
    for (BeaconTier tier : BeaconTier.values()) {
      entries.put(tier, new Entry());
    }
  }

  @Override
  public String name() {
    return source.name();
  }

  @Override
  public Optional<BeaconRelease> current(BeaconTier tier) {
    return read(tier, readAt -> !clock.instant().isBefore(readAt.plus(ttl)));
  }

  /**
   * An answer read after this call was made: re-reads unless another caller's read began while this
   * one waited for the lock, so the nodes that all found the cached answer stale at once read the
   * beacon once, not each — and none gets an answer older than its question.
   */
  @Override
  public Optional<BeaconRelease> latest(BeaconTier tier) {
    Instant asked = clock.instant();
    return read(tier, readAt -> readAt.isBefore(asked));
  }

  private Optional<BeaconRelease> read(BeaconTier tier, Predicate<Instant> tooOld) {
    Entry entry = entries.get(tier);
    entry.lock.lock();
    try {
      if (entry.readAt == null || tooOld.test(entry.readAt)) {
        entry.refresh(tier, clock.instant());
      }
      if (entry.failure != null) {
        throw new BeaconUnreadableException(entry.failure);
      }
      return entry.release;
    } finally {
      entry.lock.unlock();
    }
  }

  @Override
  public void close() {
    source.close();
  }

  private final class Entry {
    final ReentrantLock lock = new ReentrantLock();
    Instant readAt;
    Optional<BeaconRelease> release;
    String failure;

    void refresh(BeaconTier tier, Instant now) {
      readAt = now;
      try {
        release = source.current(tier);
        failure = null;
      } catch (BeaconUnreadableException e) {
        release = null;
        failure = e.getMessage();
      }
    }
  }
}
