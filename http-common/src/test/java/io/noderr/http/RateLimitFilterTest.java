package io.noderr.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RateLimitFilterTest {

  private final AtomicLong nanos = new AtomicLong();
  private final RateLimitFilter filter =
      new RateLimitFilter(
          List.of(new RateLimitFilter.Rule("POST", "/api/v1/applications", 3)),
          new ObjectMapper(),
          nanos::get);

  @Test
  void allowsAMinutesBurst_thenAnswers429WithRetryAfter() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(call("POST", "/api/v1/applications", "10.0.0.1").getStatus()).isEqualTo(200);
    }
    MockHttpServletResponse refused = call("POST", "/api/v1/applications", "10.0.0.1");
    assertThat(refused.getStatus()).isEqualTo(429);
    assertThat(refused.getHeader("Retry-After")).isEqualTo("20");
    assertThat(refused.getContentAsString()).contains("too many requests from this address");
  }

  @Test
  void refillsOverTime_andKeepsAddressesApart() throws Exception {
    for (int i = 0; i < 3; i++) {
      call("POST", "/api/v1/applications", "10.0.0.1");
    }
    assertThat(call("POST", "/api/v1/applications", "10.0.0.2").getStatus()).isEqualTo(200);
    nanos.addAndGet(20_000_000_000L);
    assertThat(call("POST", "/api/v1/applications", "10.0.0.1").getStatus()).isEqualTo(200);
    assertThat(call("POST", "/api/v1/applications", "10.0.0.1").getStatus()).isEqualTo(429);
  }

  @Test
  void leavesOtherEndpointsAlone() throws Exception {
    for (int i = 0; i < 10; i++) {
      assertThat(call("GET", "/api/v1/applications", "10.0.0.1").getStatus()).isEqualTo(200);
      assertThat(call("POST", "/api/v1/nodes/x/health-checks", "10.0.0.1").getStatus())
          .isEqualTo(200);
    }
  }

  private MockHttpServletResponse call(String method, String path, String address)
      throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest(method, path);
    request.setRemoteAddr(address);
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request, response, new MockFilterChain());
    return response;
  }
}
