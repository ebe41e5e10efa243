package io.noderr.agent.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a node's session alive: renews it through {@code /auth/refresh} (a fresh quote each time,
 * so the platform re-attests the node continuously) when two thirds of its lifetime have passed. A
 * refused renewal is logged with the platform's reason and retried; the platform quarantines a node
 * whose attestation fails, and an operator sees why in the console.
 */
public final class SessionKeeper implements Supplier<String>, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SessionKeeper.class);
  private static final Duration RETRY = Duration.ofSeconds(30);

  private final AuthClient auth;
  private final NodeKey key;
  private final Clock clock;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofVirtual().name("session-keeper").factory());
  private volatile Session session;

  public SessionKeeper(AuthClient auth, NodeKey key, Session initial, Clock clock) {
    this.auth = auth;
    this.key = key;
    this.clock = clock;
    this.session = initial;
    scheduleRenewal();
  }

  /** The current session token (for the platform client's Authorization header). */
  @Override
  public String get() {
    return session.token();
  }

  public String nodeId() {
    return session.nodeId();
  }

  private void scheduleRenewal() {
    Duration lifetime = Duration.between(clock.instant(), session.expiresAt());
    Duration delay = lifetime.multipliedBy(2).dividedBy(3);
    scheduler.schedule(this::renew, Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
  }

  private void renew() {
    try {
      session = auth.refresh(session, key);
      log.info("session of node {} renewed until {}", session.nodeId(), session.expiresAt());
      scheduleRenewal();
    } catch (RuntimeException e) {
      log.error("session renewal of node {} refused: {}", session.nodeId(), e.getMessage());
      scheduler.schedule(this::renew, RETRY.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
