package io.noderr.agent;

import io.noderr.activities.node.NodeStatusReport;
import io.noderr.agent.metrics.AgentMeters;
import io.noderr.agent.platform.HeartbeatAnswer;
import io.noderr.agent.platform.PlatformClient;
import io.noderr.agent.platform.PlatformException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the status of every node this process hosts to the platform at a fixed interval, in
 * batches, so 10,000 simulated nodes cost a handful of requests per interval. Failures are logged
 * once when they start and once when they end, not on every beat.
 */
public class HeartbeatLoop implements AutoCloseable {

  public static final int BATCH_SIZE = 500;
  private static final Logger log = LoggerFactory.getLogger(HeartbeatLoop.class);

  private final Sender sender;
  private final Supplier<List<NodeStatusReport>> reports;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("heartbeats").daemon().factory());
  private boolean failing;

  /** How a batch of reports reaches the platform (e.g. {@link PlatformClient#heartbeat}). */
  @FunctionalInterface
  public interface Sender {
    HeartbeatAnswer send(List<NodeStatusReport> batch);
  }

  public HeartbeatLoop(Sender sender, Supplier<List<NodeStatusReport>> reports) {
    this.sender = sender;
    this.reports = reports;
  }

  public void start(Duration interval) {
    timer.scheduleWithFixedDelay(this::beatSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Sends one round of heartbeats now; returns the ids the platform did not know. */
  public List<String> beat() {
    List<NodeStatusReport> all = reports.get();
    List<String> unknown = new ArrayList<>();
    for (int from = 0; from < all.size(); from += BATCH_SIZE) {
      List<NodeStatusReport> batch = all.subList(from, Math.min(all.size(), from + BATCH_SIZE));
      HeartbeatAnswer answer;
      try {
        answer = sender.send(batch);
      } catch (RuntimeException e) {
        // This batch and the ones after it miss this round.
        AgentMeters.heartbeats("failed", all.size() - from);
        throw e;
      }
      AgentMeters.heartbeats("sent", batch.size() - answer.unknown().size());
      AgentMeters.heartbeats("unknown", answer.unknown().size());
      unknown.addAll(answer.unknown());
    }
    return unknown;
  }

  private void beatSafely() {
    try {
      List<String> unknown = beat();
      if (failing) {
        log.info("heartbeats reach the platform again");
        failing = false;
      }
      if (!unknown.isEmpty()) {
        log.warn(
            "the platform does not know {} of our nodes, e.g. {}", unknown.size(), unknown.get(0));
      }
    } catch (PlatformException | IllegalStateException e) {
      if (!failing) {
        log.warn("heartbeats failing: {}", e.getMessage());
        failing = true;
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
