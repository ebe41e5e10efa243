package io.noderr.app.observability;

import io.noderr.observability.ActivityContextInterceptor;
import io.noderr.observability.LogContext;
import io.noderr.observability.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The root span of a REST call ({@code /api/**}): the workflows it starts, signals or updates join
 * it through Temporal's client interceptor. The answer names the trace in {@code X-Trace-Id}, so a
 * caller can look it up ({@code GET /api/v1/traces}, or the collector's UI); the request's log
 * lines carry it too.
 */
class ApiTracingFilter extends OncePerRequestFilter {

  static final String TRACE_HEADER = "X-Trace-Id";

  private final Tracer tracer;

  ApiTracingFilter(Tracing tracing) {
    this.tracer = tracing.tracer("io.noderr.api");
  }

  /**
   * An agent's periodic reports and beacon reads are not traced: they start no workflow, and at a
   * thousand a second (10,000 nodes) they would push every other trace out of the bounded span
   * store within seconds. Their volume and latency are the HTTP server metrics'.
   */
  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return path.equals("/api/v1/agent/telemetry")
        || path.equals("/api/v1/agent/heartbeats")
        || path.startsWith("/api/v1/beacon/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Span span =
        tracer
            .spanBuilder(request.getMethod() + " " + request.getRequestURI())
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("http.request.method", request.getMethod())
            .setAttribute("url.path", request.getRequestURI())
            .startSpan();
    if (span.getSpanContext().isValid()) {
      response.setHeader(TRACE_HEADER, span.getSpanContext().getTraceId());
    }
    try (Scope current = span.makeCurrent();
        LogContext.Scope ids = LogContext.open().currentTrace()) {
      chain.doFilter(request, response);
    } finally {
      describe(span, request, response.getStatus());
      span.end();
    }
  }

  /** The route instead of the raw path, and the node or deployment it is about (trace filters). */
  private static void describe(Span span, HttpServletRequest request, int status) {
    span.setAttribute("http.response.status_code", status);
    if (status >= 500) {
      span.setStatus(StatusCode.ERROR);
    }
    if (!(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)
        instanceof String route)) {
      return;
    }
    span.updateName(request.getMethod() + " " + route);
    span.setAttribute("http.route", route);
    if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)
            instanceof Map<?, ?> variables
        && variables.get("id") instanceof String id) {
      if (route.startsWith("/api/v1/nodes/")) {
        span.setAttribute(ActivityContextInterceptor.NODE_ATTRIBUTE, id);
      } else if (route.startsWith("/api/v1/deployments/")) {
        span.setAttribute(ActivityContextInterceptor.DEPLOYMENT_ATTRIBUTE, id);
      }
    }
  }
}
