package io.noderr.worker.beacon;

import io.noderr.registry.release.BeaconEvents;
import java.io.IOException;

/**
 * Records the on-chain beacon's events in {@code beacon_events}: every poll interval it reads the
 * blocks after its cursor up to the head minus the confirmations, in ranges of at most {@code
 * max-block-range} blocks, and stores each range's events with the cursor in one transaction. The
 * cursor is in the database, so a restarted worker resumes where the last one stopped, and any
 * number of workers may follow the same beacon (the events' unique key records each once).
 *
 * <p>RPC failures do not stop it: it logs one line, backs off (doubling up to a minute) and resumes
 * from the stored cursor ({@link ChainFollower}).
 */
public final class BeaconEventFollower extends ChainFollower {

  private final ChainBeacon beacon;
  private final BeaconEvents events;
  private final BeaconProperties properties;

  public BeaconEventFollower(ChainBeacon beacon, BeaconEvents events, BeaconProperties properties) {
    super(
        "beacon follower", properties.pollInterval(), properties.maxBlockRange(), beacon::describe);
    this.beacon = beacon;
    this.events = events;
    this.properties = properties;
  }

  @Override
  protected long confirmedHead() throws IOException {
    return beacon.confirmedHead();
  }

  @Override
  protected long storedCursor() throws IOException {
    BeaconId id = beacon.verifiedId();
    return events.cursor(id.chainId(), id.address()).orElse(properties.startBlock() - 1);
  }

  @Override
  protected void recordRange(long from, long to) throws IOException {
    BeaconId id = beacon.verifiedId();
    events.recordRange(id.chainId(), id.address(), beacon.events(from, to), to);
  }
}
