package io.noderr.agent.release;

import io.noderr.activities.release.BeaconTier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps each tier's answer (or failure) for a short while, and lets one caller per tier read while
 * the others wait for its answer: a simulator asking for 10,000 nodes at once reads each tier once
 * per {@code ttl} instead of 10,000 times. A lock rather than {@code synchronized}, because callers
 * are virtual threads.
 */
public final class CachingBeaconSource implements BeaconSource {

  /** How old an answer {@link #latest} still takes as read now. */
  static final Duration LATEST_WINDOW = Duration.ofMillis(250);

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
    return read(tier, ttl);
  }

  /**
   * Re-reads unless the answer is under {@link #LATEST_WINDOW} old: the nodes that all found the
   * cached answer stale at once read the beacon once, not each.
   */
  @Override
  public Optional<BeaconRelease> latest(BeaconTier tier) {
    return read(tier, LATEST_WINDOW);
  }

  private Optional<BeaconRelease> read(BeaconTier tier, Duration maxAge) {
    Entry entry = entries.get(tier);
    entry.lock.lock();
    try {
      Instant now = clock.instant();
      if (entry.readAt == null || !now.isBefore(entry.readAt.plus(maxAge))) {
        entry.refresh(tier, now);
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
