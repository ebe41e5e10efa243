package io.noderr.agent.telemetry;

import io.noderr.agent.metrics.AgentMeters;
import io.noderr.agent.platform.PlatformException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the telemetry of every node this process hosts at a fixed interval (10 s by default), in
 * batches of up to {@link #BATCH_SIZE}. A batch the platform refuses for now (503: its queue is
 * full) or cannot take (unreachable) is kept and sent first next time, up to {@link #MAX_PENDING}
 * reports; beyond that the oldest are dropped and counted, as is a batch refused for good (4xx
 * other than 401 and 429). Failures are logged when they start and when they end.
 */
public class TelemetryLoop implements AutoCloseable {

  public static final int BATCH_SIZE = 1_000;
  static final int MAX_PENDING = 100_000;
  private static final Logger log = LoggerFactory.getLogger(TelemetryLoop.class);

  private final Sender sender;
  private final Supplier<List<TelemetryReport>> reports;
  private final Deque<List<TelemetryReport>> pending = new ArrayDeque<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("telemetry").daemon().factory());
  private int pendingReports;
  private long dropped;
  private boolean failing;

  /** How a batch reaches the platform (e.g. {@code PlatformClient::telemetry}). */
  @FunctionalInterface
  public interface Sender {
    void send(List<TelemetryReport> batch);
  }

  public TelemetryLoop(Sender sender, Supplier<List<TelemetryReport>> reports) {
    this.sender = sender;
    this.reports = reports;
  }

  public void start(Duration interval) {
    timer.scheduleWithFixedDelay(
        this::reportSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Collects one round and sends it with whatever was kept from earlier rounds.
   *
   * @throws PlatformException when a batch could not be sent (it and the rest are kept)
   */
  public synchronized void report() {
    List<TelemetryReport> all = reports.get();
    for (int from = 0; from < all.size(); from += BATCH_SIZE) {
      keep(new ArrayList<>(all.subList(from, Math.min(all.size(), from + BATCH_SIZE))));
    }
    while (!pending.isEmpty()) {
      List<TelemetryReport> batch = pending.peekFirst();
      try {
        sender.send(batch);
      } catch (PlatformException e) {
        if (refusedForGood(e)) {
          // A batch the platform will never take (e.g. 400, 403) must not block the later ones.
          dropped += batch.size();
          AgentMeters.telemetryReports("dropped", batch.size());
          pending.removeFirst();
          pendingReports -= batch.size();
        } else {
          AgentMeters.telemetryReports("refused", batch.size());
        }
        throw e;
      }
      AgentMeters.telemetryReports("sent", batch.size());
      pending.removeFirst();
      pendingReports -= batch.size();
    }
  }

  private static boolean refusedForGood(PlatformException e) {
    return e.status() >= 400 && e.status() < 500 && e.status() != 429 && e.status() != 401;
  }

  /** Reports dropped: too many waiting (the platform unreachable for long) or refused for good. */
  public synchronized long dropped() {
    return dropped;
  }

  private void keep(List<TelemetryReport> batch) {
    pending.addLast(batch);
    pendingReports += batch.size();
    while (pendingReports > MAX_PENDING) {
      List<TelemetryReport> oldest = pending.removeFirst();
      pendingReports -= oldest.size();
      dropped += oldest.size();
      AgentMeters.telemetryReports("dropped", oldest.size());
    }
  }

  private void reportSafely() {
    try {
      report();
      if (failing) {
        log.info("telemetry reaches the platform again");
        failing = false;
      }
    } catch (PlatformException | IllegalStateException e) {
      if (!failing) {
        log.warn("telemetry not sent, kept for the next round: {}", e.getMessage());
        failing = true;
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
