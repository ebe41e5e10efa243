package io.noderr.console.api.fallback;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Every {@code /api} request no endpoint takes: a 404 problem naming the method and path. Without
 * it an unknown path fell through to the console's Vaadin handler (a 200 HTML page for a script
 * expecting JSON) and a known path with another method reached Spring Boot's error page (not a
 * problem answer). Spring prefers every more specific mapping, so this one only takes the rest.
 */
@Hidden
@RestController
class UnknownEndpointController {

  @RequestMapping("/api/**")
  void unknown(HttpServletRequest request) {
    throw new ResponseStatusException(
        HttpStatus.NOT_FOUND,
        "no endpoint "
            + request.getMethod()
            + " "
            + request.getRequestURI()
            + "; the API reference lists every endpoint: /docs/api-reference.html");
  }
}
