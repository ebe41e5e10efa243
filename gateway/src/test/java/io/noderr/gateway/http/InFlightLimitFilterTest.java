package io.noderr.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Beyond the limit an agent's request is a fast 503 with Retry-After; below it, it goes through.
 */
class InFlightLimitFilterTest {

  private final InFlightLimitFilter filter = new InFlightLimitFilter(1, new ObjectMapper());

  @Test
  void aRequestBeyondTheLimit_is503WithRetryAfter_andTheNextOneGoesThrough() throws Exception {
    MockHttpServletResponse shed = new MockHttpServletResponse();
    // The first request is still in flight while the second arrives.
    FilterChain whileInFlight =
        (request, response) -> filter.doFilter(report(), shed, new MockFilterChain());
    MockHttpServletResponse first = new MockHttpServletResponse();
    filter.doFilter(report(), first, whileInFlight);

    assertThat(first.getStatus()).isEqualTo(200);
    assertThat(shed.getStatus()).isEqualTo(503);
    assertThat(shed.getHeader("Retry-After")).isEqualTo("1");
    assertThat(shed.getContentAsString()).contains("the platform is busy; send again shortly");

    MockHttpServletResponse later = new MockHttpServletResponse();
    filter.doFilter(report(), later, new MockFilterChain());
    assertThat(later.getStatus()).isEqualTo(200);
  }

  @Test
  void theAuthEndpointsAreNotCounted() throws Exception {
    MockHttpServletResponse auth = new MockHttpServletResponse();
    FilterChain whileInFlight =
        (request, response) ->
            filter.doFilter(
                new MockHttpServletRequest("POST", "/api/v1/auth/token"),
                auth,
                new MockFilterChain());
    filter.doFilter(report(), new MockHttpServletResponse(), whileInFlight);

    assertThat(auth.getStatus()).isEqualTo(200);
  }

  private static MockHttpServletRequest report() {
    return new MockHttpServletRequest("POST", "/api/v1/agent/telemetry");
  }
}
