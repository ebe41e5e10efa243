package io.noderr.console.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses oversized bodies on the public endpoints before they are read: real TPM evidence is a few
 * KiB, so anything over {@link #MAX_BYTES} (or of unknown length) is not a registration.
 */
class BodySizeLimitFilter extends OncePerRequestFilter {

  static final long MAX_BYTES = 64 * 1024;

  private final ObjectMapper json;

  BodySizeLimitFilter(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return !"POST".equals(request.getMethod())
        || !(path.startsWith("/api/v1/auth/") || path.equals("/api/v1/applications"));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long length = request.getContentLengthLong();
    if (length > MAX_BYTES || (length < 0 && request.getHeader("Transfer-Encoding") != null)) {
      Problems.write(
          response, json, 413, "request bodies here are limited to " + MAX_BYTES / 1024 + " KiB");
      return;
    }
    chain.doFilter(request, response);
  }
}
