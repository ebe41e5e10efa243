package io.noderr.worker.beacon;

import io.noderr.registry.release.BeaconEvents;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Records the on-chain beacon's events in {@code beacon_events}: every poll interval it reads the
 * blocks after its cursor up to the head minus the confirmations, in ranges of at most {@code
 * max-block-range} blocks, and stores each range's events with the cursor in one transaction. The
 * cursor is in the database, so a restarted worker resumes where the last one stopped, and any
 * number of workers may follow the same beacon (the events' unique key records each once).
 *
 * <p>RPC failures do not stop it: it logs one line, backs off (doubling up to a minute) and resumes
 * from the stored cursor.
 */
public final class BeaconEventFollower implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(BeaconEventFollower.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

  private final ChainBeacon beacon;
  private final BeaconEvents events;
  private final BeaconProperties properties;

  private volatile ScheduledExecutorService executor;
  private volatile BeaconStatus status = new BeaconStatus(-1, null, true);
  private volatile long lagBlocks;
  private int failures;

  public BeaconEventFollower(ChainBeacon beacon, BeaconEvents events, BeaconProperties properties) {
    this.beacon = beacon;
    this.events = events;
    this.properties = properties;
  }

  @Override
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name("beacon-follower").daemon().unstarted(runnable));
    failures = 0;
    executor.execute(this::poll);
  }

  @Override
  public synchronized void stop() {
    if (executor == null) {
      return;
    }
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor = null;
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }

  public BeaconStatus status() {
    return status;
  }

  /**
   * Confirmed blocks the follower had still to read when its last poll began (0 when it keeps up;
   * it grows while the RPC endpoint fails).
   */
  public long lagBlocks() {
    return lagBlocks;
  }

  private void poll() {
    Duration next = properties.pollInterval();
    try {
      long lastBlock = follow();
      if (failures > 0) {
        log.info("beacon follower resumed at block {}", lastBlock);
      }
      failures = 0;
      status = new BeaconStatus(lastBlock, null, true);
    } catch (Exception e) {
      if (stopping()) {
        return; // the call was interrupted by stop(): no failure of the chain
      }
      failures++;
      next = backoff();
      String problem = beacon.describe(e);
      log.warn("beacon follower: {}; retrying in {} ms", problem, next.toMillis());
      status = new BeaconStatus(status.lastBlock(), problem, false);
    }
    ScheduledExecutorService current = executor;
    if (current != null && !current.isShutdown()) {
      current.schedule(this::poll, next.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private boolean stopping() {
    ScheduledExecutorService current = executor;
    return current == null || current.isShutdown();
  }

  /**
   * Reads every confirmed block after the cursor.
   *
   * @return the cursor afterwards, -1 when nothing was ever read
   */
  private long follow() throws IOException {
    BeaconId id = beacon.verifiedId();
    long head = beacon.confirmedHead();
    long cursor = events.cursor(id.chainId(), id.address()).orElse(properties.startBlock() - 1);
    lagBlocks = Math.max(0, head - cursor);
    for (long from = cursor + 1; from <= head; from = cursor + 1) {
      long to = Math.min(head, from + properties.maxBlockRange() - 1);
      events.recordRange(id.chainId(), id.address(), beacon.events(from, to), to);
      cursor = to;
    }
    return cursor;
  }

  private Duration backoff() {
    Duration doubled = properties.pollInterval().multipliedBy(1L << Math.min(failures, 20));
    return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
  }
}
