package io.noderr.gateway;

import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The long polls in flight, by the session that opened them, and the cut-off: every sweep asks the
 * registry (one query) which of their sessions may still be used and cancels the polls of the rest,
 * so a quarantined, retired or revoked node stops getting work within one sweep interval instead of
 * at the end of its 70-second poll (or never, while it keeps re-polling).
 */
final class OpenPolls {

  /** Why a poll was cancelled by the gateway, as opposed to by its caller. */
  private static final class SessionEnded extends RuntimeException {
    SessionEnded() {
      super("the node's session ended", null, false, false);
    }
  }

  private final NodeSessionLookup sessions;
  private final SessionCache cache;
  private final ConcurrentMap<String, Set<Context.CancellableContext>> bySession =
      new ConcurrentHashMap<>();

  OpenPolls(NodeSessionLookup sessions, SessionCache cache) {
    this.sessions = sessions;
    this.cache = cache;
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

  /** Cancels the open polls of every session that may no longer be used. */
  void sweep() {
    if (bySession.isEmpty()) {
      return;
    }
    Set<String> open = Set.copyOf(bySession.keySet());
    Set<String> serving = sessions.stillServing(open);
    for (String hash : open) {
      if (!serving.contains(hash)) {
        cache.forget(hash);
        Set<Context.CancellableContext> polls = bySession.remove(hash);
        if (polls != null) {
          polls.forEach(poll -> poll.cancel(new SessionEnded()));
        }
      }
    }
  }

  /** How many polls {@code caller}'s session has open right now. */
  int openBy(Caller caller) {
    Set<Context.CancellableContext> polls = bySession.get(caller.tokenHash());
    return polls == null ? 0 : polls.size();
  }
}
