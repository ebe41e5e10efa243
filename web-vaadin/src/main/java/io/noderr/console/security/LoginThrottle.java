package io.noderr.console.security;

import io.noderr.registry.audit.AuditLog;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Failure back-off for password logins, per client address and per user name: the first few
 * failures are free, then each further one locks the key for twice as long (1 s, 2 s, 4 s, ... up
 * to 15 min). While a key is locked every attempt is refused without checking the password (429
 * with Retry-After on the API), so guessing costs time, not only CPU. A success clears the user's
 * count; an address's count is forgotten after {@link #FORGET_AFTER_NANOS} without failures, so one
 * valid account cannot reset it to spray other users. Each lock-out is audited once, when it
 * begins.
 *
 * <p>Trade-off, documented in docs/api-security.md: someone failing on purpose can delay a user's
 * next login by the back-off; API tokens (never throttled by this) are how automation avoids that.
 */
@Component
class LoginThrottle {

  /** Failures a user may make before back-off starts: typos, a stale password manager entry. */
  static final int FREE_FAILURES_PER_USER = 5;

  /** An address may be an office behind NAT: more room before back-off. */
  static final int FREE_FAILURES_PER_ADDRESS = 20;

  static final long MAX_LOCK_SECONDS = 15 * 60;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long FORGET_AFTER_NANOS = 15 * 60 * NANOS_PER_SECOND;

  /** Above this many tracked keys, forgotten ones are dropped (bounded memory under a flood). */
  private static final int MAX_TRACKED = 100_000;

  private final Map<String, Failures> failures = new ConcurrentHashMap<>();
  private final AuditLog audit;
  private final LongSupplier nanoTime;

  @Autowired
  LoginThrottle(AuditLog audit) {
    this(audit, System::nanoTime);
  }

  LoginThrottle(AuditLog audit, LongSupplier nanoTime) {
    this.audit = audit;
    this.nanoTime = nanoTime;
  }

  /** Seconds until {@code user} may try again from {@code address}; 0 when now. */
  long retryAfterSeconds(String address, String user) {
    long now = nanoTime.getAsLong();
    long wait = Math.max(remaining(addressKey(address), now), remaining(userKey(user), now));
    return wait <= 0 ? 0 : Math.max(1, (wait + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
  }

  void failed(String address, String user) {
    long now = nanoTime.getAsLong();
    if (failures.size() > MAX_TRACKED) {
      failures.values().removeIf(f -> f.forgotten(now));
    }
    count(addressKey(address), FREE_FAILURES_PER_ADDRESS, now);
    count(userKey(user), FREE_FAILURES_PER_USER, now);
  }

  void succeeded(String user) {
    failures.remove(userKey(user));
  }

  private void count(String key, int free, long now) {
    Failures entry = failures.computeIfAbsent(key, k -> new Failures());
    long lockSeconds = entry.fail(free, now);
    if (lockSeconds > 0) {
      audit.append(
          "anonymous",
          "auth.lockout",
          key,
          entry.count() + " failed logins; next attempt in " + lockSeconds + " s",
          null);
    }
  }

  private long remaining(String key, long now) {
    Failures entry = failures.get(key);
    return entry == null ? 0 : entry.lockedFor(now);
  }

  private static String addressKey(String address) {
    return "address:" + address;
  }

  /** Lower-cased and capped: a 10 KB user name must not become a 10 KB key or audit subject. */
  private static String userKey(String user) {
    String name = user == null ? "" : user.strip().toLowerCase(Locale.ROOT);
    return "user:" + (name.length() > 64 ? name.substring(0, 64) : name);
  }

  /** One key's consecutive failures and lock. */
  private static final class Failures {
    private int count;
    private long lastFailure;
    private long lockedUntil;

    /** Counts a failure; the lock it starts in seconds, or 0 for none. */
    synchronized long fail(int free, long now) {
      if (count > 0 && now - lastFailure > FORGET_AFTER_NANOS) {
        count = 0;
      }
      count++;
      lastFailure = now;
      if (count <= free) {
        return 0;
      }
      long seconds = Math.min(MAX_LOCK_SECONDS, 1L << Math.min(30, count - free - 1));
      lockedUntil = now + seconds * NANOS_PER_SECOND;
      return seconds;
    }

    synchronized int count() {
      return count;
    }

    synchronized long lockedFor(long now) {
      return lockedUntil - now;
    }

    synchronized boolean forgotten(long now) {
      return now - lastFailure > FORGET_AFTER_NANOS && lockedUntil - now <= 0;
    }
  }
}
