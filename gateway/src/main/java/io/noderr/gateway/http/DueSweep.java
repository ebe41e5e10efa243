package io.noderr.gateway.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A look-back sweep that keeps a cache of registry answers honest, run inline by whichever caller
 * finds it due (at most every {@code every}; callers meanwhile are not held up), so a cache needs
 * no thread of its own and is believed at most {@code every} (plus the sweep's own time) after the
 * registry changed, while calls are coming. The sweep is handed how far back to look: the time
 * since the last one (at most {@code lookBackCap}, beyond which the cache believes nothing anyway)
 * plus {@code margin} for transactions that commit after the time they stamp. A sweep that throws
 * is tried again by the next caller, looking further back.
 */
public final class DueSweep {

  private final Duration every;
  private final Duration lookBackCap;
  private final Duration margin;
  private final Clock clock;
  private final Consumer<Duration> sweep;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile Instant last;

  public DueSweep(
      Duration every,
      Duration lookBackCap,
      Duration margin,
      Clock clock,
      Consumer<Duration> sweep) {
    this.every = every;
    this.lookBackCap = lookBackCap;
    this.margin = margin;
    this.clock = clock;
    this.sweep = sweep;
  }

  public void runIfDue() {
    Instant now = clock.instant();
    if (!due(now)) {
      return;
    }
    // One caller sweeps; the others go on with the cache as it is rather than queue behind a
    // query that may wait for a database connection.
    if (!lock.tryLock()) {
      return;
    }
    try {
      if (!due(now)) {
        return;
      }
      if (last != null) {
        // Before the first sweep nothing was cached: there is nothing to look back over.
        Duration since = Duration.between(last, now);
        sweep.accept((since.compareTo(lookBackCap) > 0 ? lookBackCap : since).plus(margin));
      }
      last = now;
    } finally {
      lock.unlock();
    }
  }

  private boolean due(Instant now) {
    Instant previous = last;
    return previous == null || !now.isBefore(previous.plus(every));
  }
}
