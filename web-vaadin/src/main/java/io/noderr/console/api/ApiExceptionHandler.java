package io.noderr.console.api;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.noderr.console.ControlCharacters;
import io.noderr.console.agent.FleetTokenRefusedException;
import io.noderr.console.fleet.NodeNotFoundException;
import io.noderr.console.identity.AuthRefusedException;
import io.noderr.console.onboarding.ApplicationNotFoundException;
import io.noderr.console.onboarding.DecisionRefusedException;
import io.noderr.console.release.InvalidReleaseException;
import io.noderr.console.release.ReleaseNotFoundException;
import io.noderr.console.release.ReleaseRefusedException;
import io.noderr.console.rollout.DeploymentConflictException;
import io.noderr.console.rollout.DeploymentNotFoundException;
import io.noderr.console.rollout.DeploymentUnavailableException;
import io.noderr.console.rollout.InvalidDeploymentException;
import io.noderr.console.token.ApiTokenNotFoundException;
import io.noderr.console.token.ApiTokenRefusedException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns failures into RFC 9457 problem answers: the caller's mistakes get a 4xx with a message,
 * anything else a 500 without internals (logged here with its stack trace).
 */
@RestControllerAdvice(basePackages = "io.noderr.console.api")
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  private final MalformedRequests malformedRequests;

  ApiExceptionHandler(MalformedRequests malformedRequests) {
    this.malformedRequests = malformedRequests;
  }

  @ExceptionHandler(BadRequestException.class)
  ProblemDetail badRequest(BadRequestException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String detail =
        e.getBindingResult().getFieldErrors().stream()
            .map(error -> error.getField() + " " + error.getDefaultMessage())
            .sorted()
            .collect(Collectors.joining("; "));
    malformedRequests.record(request, detail);
    return ResponseEntity.badRequest()
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    String detail =
        switch (e.getCause()) {
          case ControlCharacterModule.RefusedText refused ->
              ControlCharacters.message(field(refused));
          case StreamReadException parse when isRepeatedKey(parse) ->
              "the request body repeats a key within one object";
          case null, default -> "the request body is not valid JSON of the expected shape";
        };
    malformedRequests.record(request, detail);
    return ResponseEntity.badRequest()
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail));
  }

  private static boolean isRepeatedKey(StreamReadException e) {
    // Jackson has no dedicated type for it; the key itself is not echoed back.
    return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field");
  }

  /** {@code reason}, {@code tiers[1]}, {@code nodes[0].operator}: where in the body it failed. */
  private static String field(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference step : e.getPath()) {
      if (step.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
      } else if (step.getIndex() >= 0) {
        path.append('[').append(step.getIndex()).append(']');
      }
    }
    // A map key is reported as its map; never echo the offending characters back.
    String named = path.toString().replaceAll("\\p{Cntrl}", "?");
    return named.isEmpty() ? "the body" : named;
  }

  @ExceptionHandler(InvalidReleaseException.class)
  ProblemDetail invalidRelease(InvalidReleaseException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(InvalidDeploymentException.class)
  ProblemDetail invalidDeployment(InvalidDeploymentException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(DeploymentConflictException.class)
  ProblemDetail deploymentConflict(DeploymentConflictException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
  }

  @ExceptionHandler(DeploymentUnavailableException.class)
  ResponseEntity<ProblemDetail> deploymentUnavailable(DeploymentUnavailableException e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", "5")
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
  }

  @ExceptionHandler(ReleaseRefusedException.class)
  ProblemDetail releaseRefused(ReleaseRefusedException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
  }

  @ExceptionHandler({
    NodeNotFoundException.class,
    ApplicationNotFoundException.class,
    ReleaseNotFoundException.class,
    DeploymentNotFoundException.class,
    ApiTokenNotFoundException.class
  })
  ProblemDetail notFound(RuntimeException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }

  /** The workflow refused the decision in its current state (already approved, expired, ...). */
  @ExceptionHandler(DecisionRefusedException.class)
  ProblemDetail conflict(DecisionRefusedException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
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

  @ExceptionHandler(ApiTokenRefusedException.class)
  ProblemDetail tokenRefused(ApiTokenRefusedException e) {
    return ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
  }

  @ExceptionHandler(AccessDeniedException.class)
  ProblemDetail forbidden(AccessDeniedException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "your role may not do this");
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    log.error("unexpected API failure", e);
    return ProblemDetail.forStatusAndDetail(
        HttpStatus.INTERNAL_SERVER_ERROR, "internal error; the platform log has the details");
  }
}
