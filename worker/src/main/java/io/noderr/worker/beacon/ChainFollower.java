package io.noderr.worker.beacon;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Function;
import org.springframework.context.SmartLifecycle;

/**
 * A follower of contract events (the beacon's, governance's): every poll interval ({@link
 * FollowerLoop}) it reads the confirmed blocks after its stored cursor, in ranges of at most {@code
 * maxBlockRange} blocks, and has each range recorded with the cursor in one transaction, so a
 * restarted worker resumes where the last one stopped. Subclasses say where the head and the cursor
 * are and how a range is recorded.
 */
public abstract class ChainFollower implements SmartLifecycle {

  private final FollowerLoop loop;
  private final int maxBlockRange;
  private volatile long lagBlocks;

  /**
   * @param name the thread's name and the log lines' subject ("beacon follower")
   * @param describe one line for a failure, without secrets (the RPC URL's key)
   */
  protected ChainFollower(
      String name, Duration pollInterval, int maxBlockRange, Function<Exception, String> describe) {
    this.maxBlockRange = maxBlockRange;
    this.loop = new FollowerLoop(name, pollInterval, this::follow, describe);
  }

  /** The last block that may be read: the head minus the configured confirmations. */
  protected abstract long confirmedHead() throws IOException;

  /** The last block recorded, or the block before the configured start block. */
  protected abstract long storedCursor() throws IOException;

  /** Reads blocks {@code from} to {@code to} (both included) and records them with the cursor. */
  protected abstract void recordRange(long from, long to) throws IOException;

  @Override
  public final void start() {
    loop.start();
  }

  @Override
  public final void stop() {
    loop.stop();
  }

  @Override
  public final boolean isRunning() {
    return loop.isRunning();
  }

  public final BeaconStatus status() {
    return loop.status();
  }

  /**
   * Confirmed blocks the follower had still to read when its last poll began (0 when it keeps up;
   * it grows while the RPC endpoint fails).
   */
  public final long lagBlocks() {
    return lagBlocks;
  }

  /**
   * Its two gauges, {@code noderr_<name>_follower_lag_blocks} and {@code
   * noderr_<name>_follower_healthy} (docs/observability.md).
   *
   * @param what the follower as the descriptions name it ("the treasury follower")
   */
  public final void registerGauges(MeterRegistry registry, String name, String what) {
    Gauge.builder("noderr." + name + ".follower.lag", this, ChainFollower::lagBlocks)
        .description("Confirmed blocks not yet read by " + what)
        .baseUnit("blocks")
        .register(registry);
    Gauge.builder("noderr." + name + ".follower.healthy", this, f -> f.status().healthy() ? 1 : 0)
        .description("1 while " + what + "'s last poll succeeded")
        .register(registry);
  }

  /**
   * Reads every confirmed block after the cursor.
   *
   * @return the cursor afterwards, -1 when nothing was ever read
   */
  private long follow() throws IOException {
    long head = confirmedHead();
    long cursor = storedCursor();
    lagBlocks = Math.max(0, head - cursor);
    for (long from = cursor + 1; from <= head; from = cursor + 1) {
      long to = Math.min(head, from + maxBlockRange - 1);
      recordRange(from, to);
      cursor = to;
    }
    return cursor;
  }
}
