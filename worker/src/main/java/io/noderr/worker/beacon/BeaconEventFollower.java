package io.noderr.worker.beacon;

import io.noderr.registry.release.BeaconEvents;
import java.io.IOException;
import org.springframework.context.SmartLifecycle;

/**
 * Records the on-chain beacon's events in {@code beacon_events}: every poll interval it reads the
 * blocks after its cursor up to the head minus the confirmations, in ranges of at most {@code
 * max-block-range} blocks, and stores each range's events with the cursor in one transaction. The
 * cursor is in the database, so a restarted worker resumes where the last one stopped, and any
 * number of workers may follow the same beacon (the events' unique key records each once).
 *
 * <p>RPC failures do not stop it: it logs one line, backs off (doubling up to a minute) and resumes
 * from the stored cursor ({@link FollowerLoop}).
 */
public final class BeaconEventFollower implements SmartLifecycle {

  private final ChainBeacon beacon;
  private final BeaconEvents events;
  private final BeaconProperties properties;
  private final FollowerLoop loop;
  private volatile long lagBlocks;

  public BeaconEventFollower(ChainBeacon beacon, BeaconEvents events, BeaconProperties properties) {
    this.beacon = beacon;
    this.events = events;
    this.properties = properties;
    this.loop =
        new FollowerLoop(
            "beacon follower", properties.pollInterval(), this::follow, beacon::describe);
  }

  @Override
  public void start() {
    loop.start();
  }

  @Override
  public void stop() {
    loop.stop();
  }

  @Override
  public boolean isRunning() {
    return loop.isRunning();
  }

  public BeaconStatus status() {
    return loop.status();
  }

  /**
   * Confirmed blocks the follower had still to read when its last poll began (0 when it keeps up;
   * it grows while the RPC endpoint fails).
   */
  public long lagBlocks() {
    return lagBlocks;
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
}
