package io.noderr.console.docs;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses (400) a request for the public docs whose path, as sent, tries to leave them: a {@code
 * ..} or {@code .} segment, a backslash or a NUL, also percent-encoded (once, twice or three
 * times). The servlet container would normalize {@code /docs/../application.yml} into {@code
 * /application.yml} before anything else looks at it, and the answer would then come from another
 * part of the console; a path that starts public must not end anywhere else. Runs first, on the raw
 * request URI.
 */
class DocsPathGuard extends OncePerRequestFilter {

  private static final int DECODINGS = 3;

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String docs = request.getContextPath() + "/docs";
    return uri == null || !uri.regionMatches(true, 0, docs, 0, docs.length());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (climbs(request.getRequestURI())) {
      // Written here, not through the container's error page: nothing further runs.
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.setContentType("text/plain;charset=UTF-8");
      response.getWriter().write("bad path\n");
      return;
    }
    chain.doFilter(request, response);
  }

  /** True when the raw path, or any of its decodings, has a dot segment, backslash or NUL. */
  static boolean climbs(String rawPath) {
    String path = rawPath;
    for (int i = 0; i < DECODINGS; i++) {
      if (dotSegmentOrSeparator(path)) {
        return true;
      }
      if (path.indexOf('%') < 0) {
        return false;
      }
      try {
        path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException malformed) {
        return true;
      }
    }
    // Still encoded after that many rounds: nothing a browser sends.
    return dotSegmentOrSeparator(path) || path.indexOf('%') >= 0;
  }

  private static boolean dotSegmentOrSeparator(String path) {
    if (path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
      return true;
    }
    for (String segment : path.split("/", -1)) {
      int parameters = segment.indexOf(';');
      String name = parameters < 0 ? segment : segment.substring(0, parameters);
      if (name.equals("..") || name.equals(".")) {
        return true;
      }
    }
    return false;
  }
}
