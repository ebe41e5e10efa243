package io.noderr.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * RFC 9457 answers written by the API chain's filters, which run before Spring MVC's problem
 * handling: same shape as the controllers' answers, a one-line detail, never internals. A 401's
 * {@code WWW-Authenticate} is the caller's to set: people and nodes are asked for different
 * credentials.
 */
public final class Problems {

  private Problems() {}

  public static void write(
      HttpServletResponse response, ObjectMapper json, int status, String detail)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(
        response.getOutputStream(),
        Map.of(
            "type",
            "about:blank",
            "status",
            status,
            "title",
            HttpStatus.valueOf(status).getReasonPhrase(),
            "detail",
            detail));
  }
}
