package io.noderr.console.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.http.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CSRF defence of the stateless API: a state-changing request must carry a JSON content type or an
 * {@code X-Requested-By} header. A browser sends neither cross-site without a CORS preflight (which
 * this API never grants), while a cross-site HTML form can post with the browser's cached Basic
 * credentials; so body-less POSTs (approve, install-token, health checks) need the header too.
 */
class CrossSiteRequestFilter extends OncePerRequestFilter {

  static final String HEADER = "X-Requested-By";

  private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final ObjectMapper json;

  CrossSiteRequestFilter(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !STATE_CHANGING.contains(request.getMethod())
        || !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HEADER);
    if ((header == null || header.isBlank()) && !json(request.getContentType())) {
      Problems.write(
          response,
          json,
          403,
          request.getMethod()
              + " requests need Content-Type: application/json or an "
              + HEADER
              + " header (cross-site form posts are refused)");
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean json(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return type.getType().equals("application")
          && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }
}
