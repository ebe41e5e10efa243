package io.noderr.agent.gateway;

import io.noderr.activities.TaskQueues;
import io.noderr.agent.platform.FleetSessionsAnswer;
import io.noderr.agent.platform.FleetSessionsAnswer.NodeSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node sessions of a simulated fleet, by task queue: each simulated node polls the gateway with
 * its own session. Renews them all, in batches, when two thirds of the shortest lifetime have
 * passed (the platform keeps a renewed node's previous session valid until it expires, so calls in
 * flight are not cut).
 */
public final class FleetSessions implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FleetSessions.class);

  /** The platform's limit per renewal call. */
  static final int RENEWAL_BATCH = 500;

  private static final Duration MAX_RETRY = Duration.ofSeconds(30);

  private final Map<String, String> tokenOfQueue = new ConcurrentHashMap<>();
  private final Map<String, Instant> expiryOfNode = new ConcurrentHashMap<>();
  private final Clock clock;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofVirtual().name("fleet-sessions").factory());

  public FleetSessions(Clock clock) {
    this.clock = clock;
  }

  public void add(List<NodeSession> sessions) {
    for (NodeSession session : sessions) {
      tokenOfQueue.put(TaskQueues.node(session.nodeId()), session.sessionToken());
      expiryOfNode.put(session.nodeId(), Instant.parse(session.expiresAt()));
    }
  }

  public int size() {
    return expiryOfNode.size();
  }

  /** The node's current session; null for a node of no session here. */
  public String tokenOfNode(String nodeId) {
    return tokenOfQueue.get(TaskQueues.node(nodeId));
  }

  /** The current session of the node polling {@code taskQueue}; null for a queue of no node. */
  String tokenOfQueue(String taskQueue) {
    return tokenOfQueue.get(taskQueue);
  }

  /**
   * Any live session of the fleet, for calls that concern no node (server capabilities, the
   * namespace, health): the gateway only needs an authenticated caller for them.
   */
  String anyToken() {
    var tokens = tokenOfQueue.values().iterator();
    return tokens.hasNext() ? tokens.next() : null;
  }

  /**
   * Keeps every session alive through {@code renew} (the platform's batch renewal, node ids to new
   * sessions) until {@link #close()}.
   */
  public void keepAlive(Function<List<String>, FleetSessionsAnswer> renew) {
    scheduleRenewal(renew);
  }

  private void scheduleRenewal(Function<List<String>, FleetSessionsAnswer> renew) {
    Instant soonest = expiryOfNode.values().stream().min(Instant::compareTo).orElse(null);
    if (soonest == null) {
      return;
    }
    long delay = Duration.between(clock.instant(), soonest).multipliedBy(2).dividedBy(3).toMillis();
    scheduler.schedule(() -> renewAll(renew), Math.max(1, delay), TimeUnit.MILLISECONDS);
  }

  private void renewAll(Function<List<String>, FleetSessionsAnswer> renew) {
    List<String> nodeIds = new ArrayList<>(expiryOfNode.keySet());
    try {
      for (int from = 0; from < nodeIds.size(); from += RENEWAL_BATCH) {
        List<String> batch = nodeIds.subList(from, Math.min(nodeIds.size(), from + RENEWAL_BATCH));
        FleetSessionsAnswer answer = renew.apply(batch);
        add(answer.sessions());
        if (answer.sessions().size() < batch.size()) {
          // Nodes the platform no longer knows: stop renewing them (their last session runs out).
          Set<String> renewed =
              answer.sessions().stream().map(NodeSession::nodeId).collect(Collectors.toSet());
          batch.stream().filter(id -> !renewed.contains(id)).forEach(expiryOfNode::remove);
          log.warn(
              "the platform renewed {} of {} simulated nodes' sessions (the others are unknown)",
              renewed.size(),
              batch.size());
        }
      }
      log.debug("renewed the sessions of {} simulated nodes", nodeIds.size());
      scheduleRenewal(renew);
    } catch (RuntimeException e) {
      Instant soonest =
          expiryOfNode.values().stream().min(Instant::compareTo).orElse(clock.instant());
      Duration retry = Duration.between(clock.instant(), soonest).dividedBy(4);
      log.error("renewing the simulated nodes' sessions failed, retrying: {}", e.getMessage());
      scheduler.schedule(
          () -> renewAll(renew),
          Math.clamp(retry.toMillis(), 100, MAX_RETRY.toMillis()),
          TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
