package io.noderr.gateway.http;

import io.noderr.gateway.agent.FleetTokenRefusedException;
import io.noderr.gateway.governance.NodeProposalRefusedException;
import io.noderr.gateway.identity.AuthRefusedException;
import io.noderr.gateway.telemetry.TelemetryQueueFullException;
import io.noderr.http.MalformedRequests;
import io.noderr.http.ProblemAnswers;
import io.noderr.registry.audit.AuditLog;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * The node API's refusals as RFC 9457 problem answers (the shared ones are in {@link
 * ProblemAnswers}); malformed requests to the public auth API are audited.
 */
@RestControllerAdvice(basePackages = "io.noderr.gateway")
class NodeApiExceptionHandler extends ProblemAnswers {

  static final String BUSY = "the platform is busy; send again shortly";
  static final String RETRY_AFTER_SECONDS = "1";

  private final MalformedRequests malformedRequests;

  NodeApiExceptionHandler(AuditLog audit) {
    this.malformedRequests =
        new MalformedRequests(audit, path -> path.startsWith(NodeApiSecurityConfiguration.AUTH));
  }

  @Override
  protected void malformed(WebRequest request, String detail) {
    malformedRequests.record(request, detail);
  }

  @ExceptionHandler(AuthRefusedException.class)
  ProblemDetail authRefused(AuthRefusedException e) {
    HttpStatus status =
        switch (e.kind()) {
          case MALFORMED -> HttpStatus.BAD_REQUEST;
          case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
          case FORBIDDEN -> HttpStatus.FORBIDDEN;
          case CONFLICT -> HttpStatus.CONFLICT;
        };
    return ProblemDetail.forStatusAndDetail(status, e.getMessage());
  }

  @ExceptionHandler(FleetTokenRefusedException.class)
  ProblemDetail fleetTokenRefused(FleetTokenRefusedException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
  }

  @ExceptionHandler(NodeProposalRefusedException.class)
  ProblemDetail proposalRefused(NodeProposalRefusedException e) {
    return ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
  }

  /** Backpressure: the agent keeps the batch and sends it again after Retry-After. */
  @ExceptionHandler(TelemetryQueueFullException.class)
  ResponseEntity<ProblemDetail> telemetryQueueFull(TelemetryQueueFullException e) {
    return retryLater(e.getMessage());
  }

  /**
   * No database connection within the pool's timeout: the platform is saturated (or its database
   * away), which the agent's call did not cause and may retry, so a 503 it keeps its batch for, not
   * a 500.
   */
  @ExceptionHandler({
    CannotGetJdbcConnectionException.class,
    CannotCreateTransactionException.class
  })
  ResponseEntity<ProblemDetail> noDatabaseConnection(Exception e) {
    return retryLater(BUSY);
  }

  static ResponseEntity<ProblemDetail> retryLater(String detail) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail));
  }
}
