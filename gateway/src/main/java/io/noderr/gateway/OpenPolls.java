package io.noderr.gateway;

import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The long polls in flight, by the session that opened them, and the cut-off: every sweep asks the
 * registry (one query) which sessions ended since the previous sweep and cancels their polls, so a
 * quarantined, retired or revoked node stops getting work within one sweep interval instead of at
 * the end of its 70-second poll (or never, while it keeps re-polling). Asking for what ended, not
 * about every open session, keeps a sweep's cost independent of the fleet's size (10,000 open polls
 * made the old question a 10,000-element query every second).
 */
final class OpenPolls {

  /** Why a poll was cancelled by the gateway, as opposed to by its caller. */
  private static final class SessionEnded extends RuntimeException {
    SessionEnded() {
      super("the node's session ended", null, false, false);
    }
  }

  /**
   * Looked back over besides the time since the last sweep: a revocation or status change is
   * stamped when its transaction starts, which may be before the sweep that misses it, and a
   * session check the {@link SessionCache} answered may be that old too.
   */
  static final Duration MARGIN = Duration.ofSeconds(30);

  private final NodeSessionLookup sessions;
  private final SessionCache cache;
  private final LongSupplier nanoTime;
  private final ConcurrentMap<String, Set<Context.CancellableContext>> bySession =
      new ConcurrentHashMap<>();
  private long lastSweepNanos;

  OpenPolls(NodeSessionLookup sessions, SessionCache cache, LongSupplier nanoTime) {
    this.sessions = sessions;
    this.cache = cache;
    this.nanoTime = nanoTime;
    this.lastSweepNanos = nanoTime.getAsLong();
  }

  /**
   * Runs a long poll for {@code caller}, cancellable by the sweep.
   *
   * @return the poll's answer, or empty when the sweep cut it (the session ended meanwhile)
   */
  <T> Optional<T> run(Caller caller, Supplier<T> poll) {
    Context.CancellableContext context = Context.current().withCancellation();
    bySession.computeIfAbsent(caller.tokenHash(), k -> ConcurrentHashMap.newKeySet()).add(context);
    try {
      return Optional.of(context.call(poll::get));
    } catch (StatusRuntimeException e) {
      if (context.cancellationCause() instanceof SessionEnded) {
        return Optional.empty();
      }
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      bySession.computeIfPresent(
          caller.tokenHash(),
          (hash, polls) -> {
            polls.remove(context);
            return polls.isEmpty() ? null : polls;
          });
      context.cancel(null);
    }
  }

  /**
   * Cancels the open polls of every session that ended since the previous sweep. Only called by the
   * gateway's single sweeper thread; a failed sweep widens the next one's look-back.
   */
  void sweep() {
    long started = nanoTime.getAsLong();
    if (bySession.isEmpty()) {
      lastSweepNanos = started; // nothing open to cut; polls opened later are checked on opening
      return;
    }
    Duration window = Duration.ofNanos(started - lastSweepNanos).plus(MARGIN);
    for (String hash : sessions.endedWithin(window)) {
      cache.forget(hash);
      Set<Context.CancellableContext> polls = bySession.remove(hash);
      if (polls != null) {
        polls.forEach(poll -> poll.cancel(new SessionEnded()));
      }
    }
    lastSweepNanos = started;
  }

  /** How many polls {@code caller}'s session has open right now. */
  int openBy(Caller caller) {
    Set<Context.CancellableContext> polls = bySession.get(caller.tokenHash());
    return polls == null ? 0 : polls.size();
  }
}
