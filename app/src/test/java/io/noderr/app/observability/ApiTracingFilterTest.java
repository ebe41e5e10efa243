package io.noderr.app.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.noderr.observability.RecordedSpan;
import io.noderr.observability.SpanStore;
import io.noderr.observability.Tracing;
import io.noderr.observability.TracingSettings;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A REST call is a trace of its own; an agent's periodic reports are not, so 10,000 nodes reporting
 * cannot push the traces people look for out of the bounded span store.
 */
class ApiTracingFilterTest {

  private final Tracing tracing = Tracing.start(new TracingSettings("noderr-test", "", 100));
  private final ApiTracingFilter filter = new ApiTracingFilter(tracing);

  @AfterEach
  void close() {
    tracing.close();
  }

  @Test
  void aRestCall_isARootSpan_namedInTheAnswer() throws Exception {
    MockHttpServletResponse response = call("POST", "/api/v1/deployments");

    assertThat(spanNames()).containsExactly("POST /api/v1/deployments");
    assertThat(response.getHeader(ApiTracingFilter.TRACE_HEADER)).hasSize(32);
  }

  @Test
  void anAgentsReportsAndBeaconReads_areNotTraced() throws Exception {
    MockHttpServletResponse telemetry = call("POST", "/api/v1/agent/telemetry");
    call("POST", "/api/v1/agent/heartbeats");
    call("GET", "/api/v1/beacon/ORACLE");
    // An enrolment is rare and starts work: it stays traced.
    call("POST", "/api/v1/agent/enrollments");

    assertThat(spanNames()).containsExactly("POST /api/v1/agent/enrollments");
    assertThat(telemetry.getHeader(ApiTracingFilter.TRACE_HEADER)).isNull();
  }

  private MockHttpServletResponse call(String method, String path) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest(method, path);
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request, response, new MockFilterChain());
    return response;
  }

  private List<String> spanNames() {
    SpanStore store = tracing.spanStore().orElseThrow();
    return store.traces(span -> true, 100).stream()
        .flatMap(List::stream)
        .map(RecordedSpan::name)
        .toList();
  }
}
