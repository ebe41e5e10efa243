package io.noderr.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.noderr.activities.PlatformFailures;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class DataErrorInterceptorTest {

  private final ActivityInboundCallsInterceptor next = mock(ActivityInboundCallsInterceptor.class);
  private final ActivityInboundCallsInterceptor intercepted =
      new DataErrorInterceptor().interceptActivity(next);

  @Test
  void dataTheDatabaseRefuses_isAFinalFailure_withTheReason() {
    when(next.execute(any()))
        .thenThrow(new DataIntegrityViolationException("x", new RuntimeException("ERROR: NUL")));

    assertThatThrownBy(() -> intercepted.execute(null))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(PlatformFailures.INVALID_DATA);
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage()).endsWith("ERROR: NUL");
            });
  }

  @Test
  void aDatabaseThatIsAway_isNotADataError_andStaysRetryable() {
    CannotGetJdbcConnectionException outage = new CannotGetJdbcConnectionException("refused");
    when(next.execute(any())).thenThrow(outage);

    assertThatThrownBy(() -> intercepted.execute(null)).isSameAs(outage);
  }

  @Test
  void reason_isTheDeepestMessage_onOneLine_capped() {
    Exception nested =
        new IllegalStateException("outer", new RuntimeException("ERROR: bad\n  Detail: x"));
    assertThat(DataErrorInterceptor.reason(nested)).isEqualTo("ERROR: bad");
    assertThat(DataErrorInterceptor.reason(new RuntimeException("y".repeat(1_000)))).hasSize(300);
  }
}
