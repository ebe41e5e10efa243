package io.noderr.http;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
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
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The RFC 9457 answers every HTTP API of the platform shares: the caller's mistakes (bad
 * parameters, invalid or unreadable bodies, a role that may not) get a 4xx with a one-line message,
 * anything else a 500 without internals (logged with its stack trace). Each API's own advice
 * extends this, adds its domain's refusals and says which malformed requests are worth auditing.
 */
public abstract class ProblemAnswers extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemAnswers.class);

  /** Called with every refused body or parameter before it is answered (e.g. to audit probes). */
  protected abstract void malformed(WebRequest request, String detail);

  @ExceptionHandler(BadRequestException.class)
  protected ProblemDetail badRequest(BadRequestException e) {
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
    malformed(request, detail);
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
    malformed(request, detail);
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

  @ExceptionHandler(AccessDeniedException.class)
  protected ProblemDetail forbidden(AccessDeniedException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "your role may not do this");
  }

  @ExceptionHandler(Exception.class)
  protected ProblemDetail unexpected(Exception e) {
    log.error("unexpected API failure", e);
    return ProblemDetail.forStatusAndDetail(
        HttpStatus.INTERNAL_SERVER_ERROR, "internal error; the platform log has the details");
  }
}
