package io.noderr.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.http.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Load shedding for the agents' endpoints: beyond {@code limit} requests in flight, a request is
 * answered 503 with Retry-After at once instead of joining a queue that only grows (every agent
 * posts every 10 s whether or not the platform keeps up; waiting requests hold sockets and memory
 * until they time out). The agent keeps its reports and sends them with the next round.
 */
class InFlightLimitFilter extends OncePerRequestFilter {

  private final Semaphore inFlight;
  private final ObjectMapper json;

  InFlightLimitFilter(int limit, ObjectMapper json) {
    this.inFlight = new Semaphore(limit);
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/v1/agent/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!inFlight.tryAcquire()) {
      response.setHeader(HttpHeaders.RETRY_AFTER, NodeApiExceptionHandler.RETRY_AFTER_SECONDS);
      Problems.write(response, json, 503, NodeApiExceptionHandler.BUSY);
      return;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      inFlight.release();
    }
  }
}
