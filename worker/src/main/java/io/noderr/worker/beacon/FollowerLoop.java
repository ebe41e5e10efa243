package io.noderr.worker.beacon;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The polling loop of the chain followers (beacon events, governance events): one thread runs
 * {@link Round#follow} every poll interval; a failure does not stop it: it logs one line, backs off
 * (doubling up to a minute) and runs the round again, which resumes from the follower's stored
 * cursor. Its status says whether the last round succeeded, for the followers' health gauges.
 */
public final class FollowerLoop {

  private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

  /** One round: reads what is new and stores it with the cursor. */
  @FunctionalInterface
  public interface Round {
    /**
     * @return the cursor afterwards, -1 when nothing was ever read
     */
    long follow() throws Exception;
  }

  private final Logger log;
  private final String name;
  private final Duration pollInterval;
  private final Round round;
  private final Function<Exception, String> describe;

  private volatile ScheduledExecutorService executor;
  private volatile BeaconStatus status = new BeaconStatus(-1, null, true);
  private int failures;

  /**
   * @param name the thread's name and the log lines' subject ("beacon follower")
   * @param describe one line for a failure, without secrets (the RPC URL's key)
   */
  public FollowerLoop(
      String name, Duration pollInterval, Round round, Function<Exception, String> describe) {
    this.log = LoggerFactory.getLogger(FollowerLoop.class.getName() + "." + name.replace(' ', '-'));
    this.name = name;
    this.pollInterval = pollInterval;
    this.round = round;
    this.describe = describe;
  }

  public synchronized void start() {
    if (executor != null) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable ->
                Thread.ofPlatform().name(name.replace(' ', '-')).daemon().unstarted(runnable));
    failures = 0;
    executor.execute(this::poll);
  }

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

  public boolean isRunning() {
    return executor != null;
  }

  public BeaconStatus status() {
    return status;
  }

  private void poll() {
    Duration next = pollInterval;
    try {
      long lastBlock = round.follow();
      if (failures > 0) {
        log.info("{} resumed at block {}", name, lastBlock);
      }
      failures = 0;
      status = new BeaconStatus(lastBlock, null, true);
    } catch (Exception e) {
      if (stopping()) {
        return; // the call was interrupted by stop(): no failure of the chain
      }
      failures++;
      next = backoff();
      String problem = describe.apply(e);
      log.warn("{}: {}; retrying in {} ms", name, problem, next.toMillis());
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

  private Duration backoff() {
    Duration doubled = pollInterval.multipliedBy(1L << Math.min(failures, 20));
    return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
  }
}
