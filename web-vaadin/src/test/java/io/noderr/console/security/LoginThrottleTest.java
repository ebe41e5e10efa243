package io.noderr.console.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.noderr.registry.audit.AuditLog;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong nanos = new AtomicLong();
  private final AuditLog audit = mock(AuditLog.class);
  private final LoginThrottle throttle = new LoginThrottle(audit, nanos::get);

  @Test
  void aUserGetsFiveFreeFailures_thenADoublingBackOff_andEachLockOutIsAuditedOnce() {
    for (int i = 0; i < LoginThrottle.FREE_FAILURES_PER_USER; i++) {
      assertThat(throttle.retryAfterSeconds("10.0.0.1", "alice")).isZero();
      throttle.failed("10.0.0.1", "alice");
    }
    verify(audit, never()).append(any(), any(), any(), any(), any());
    throttle.failed("10.0.0.1", "alice");
    assertThat(throttle.retryAfterSeconds("10.0.0.2", "alice")).isEqualTo(1);
    assertThat(throttle.retryAfterSeconds("10.0.0.1", "bob")).as("another user").isZero();
    verify(audit)
        .append(
            eq("anonymous"),
            eq("auth.lockout"),
            eq("user:alice"),
            eq("6 failed logins; next attempt in 1 s"),
            eq(null));

    nanos.addAndGet(SECOND);
    throttle.failed("10.0.0.1", "alice");
    assertThat(throttle.retryAfterSeconds("10.0.0.1", "ALICE")).isEqualTo(2);
    nanos.addAndGet(2 * SECOND);
    throttle.failed("10.0.0.1", "alice");
    assertThat(throttle.retryAfterSeconds("10.0.0.1", "alice")).isEqualTo(4);
    verify(audit, times(3)).append(any(), eq("auth.lockout"), eq("user:alice"), any(), any());
  }

  @Test
  void theBackOffIsCappedAt15Minutes_andASuccessClearsTheUsersCount() {
    for (int i = 0; i < 40; i++) {
      throttle.failed("10.0.0.3", "carol");
    }
    assertThat(throttle.retryAfterSeconds("10.0.0.4", "carol"))
        .isEqualTo(LoginThrottle.MAX_LOCK_SECONDS);
    throttle.succeeded("carol");
    assertThat(throttle.retryAfterSeconds("10.0.0.4", "carol")).isZero();
  }

  @Test
  void anAddressSprayingManyUsersIsLockedAfterTwentyFailures_andForgottenAfterAQuietSpell() {
    for (int i = 0; i < LoginThrottle.FREE_FAILURES_PER_ADDRESS; i++) {
      throttle.failed("10.0.0.5", "user" + i);
    }
    assertThat(throttle.retryAfterSeconds("10.0.0.5", "fresh")).isZero();
    throttle.failed("10.0.0.5", "one-more");
    assertThat(throttle.retryAfterSeconds("10.0.0.5", "fresh")).isEqualTo(1);
    assertThat(throttle.retryAfterSeconds("10.0.0.6", "fresh")).isZero();
    verify(audit).append(any(), eq("auth.lockout"), eq("address:10.0.0.5"), any(), any());

    nanos.addAndGet(16 * 60 * SECOND);
    throttle.failed("10.0.0.5", "after-a-break");
    assertThat(throttle.retryAfterSeconds("10.0.0.5", "fresh")).isZero();
  }
}
