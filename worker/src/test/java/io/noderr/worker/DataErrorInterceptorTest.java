package io.noderr.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DataErrorInterceptorTest {

  @Test
  void reason_isTheDeepestMessage_onOneLine_capped() {
    Exception nested =
        new IllegalStateException("outer", new RuntimeException("ERROR: bad\n  Detail: x"));
    assertThat(DataErrorInterceptor.reason(nested)).isEqualTo("ERROR: bad");
    assertThat(DataErrorInterceptor.reason(new RuntimeException("y".repeat(1_000)))).hasSize(300);
  }
}
