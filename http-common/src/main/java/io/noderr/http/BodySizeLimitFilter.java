package io.noderr.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Predicate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses oversized POST bodies on the public endpoints before they are read: real TPM evidence is
 * a few KiB, so anything over {@link #MAX_BYTES} (or of unknown length) is not a registration, nor
 * an application.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

  static final long MAX_BYTES = 64 * 1024;

  private final ObjectMapper json;
  private final Predicate<String> limitedPath;

  /**
   * @param limitedPath which request paths (URI without query) the limit applies to
   */
  public BodySizeLimitFilter(ObjectMapper json, Predicate<String> limitedPath) {
    this.json = json;
    this.limitedPath = limitedPath;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || !limitedPath.test(request.getRequestURI());
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
