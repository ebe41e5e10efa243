package io.noderr.console.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * RFC 9457 answers written by the API chain's filters, which run before Spring MVC's problem
 * handling: same shape as the controllers' answers, a one-line detail, never internals.
 */
final class Problems {

  private Problems() {}

  static void write(HttpServletResponse response, ObjectMapper json, int status, String detail)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    if (status == 401) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"noderr\"");
    }
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
