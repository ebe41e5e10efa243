package io.noderr.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;

/**
 * Refuses API requests whose path or query parameters hold control characters (400 naming the
 * parameter), before authentication or any controller runs. Request bodies are checked while they
 * are read (the API's JSON mapper); together every text the API takes follows {@link
 * ControlCharacters}.
 */
public class RequestTextFilter extends OncePerRequestFilter {

  private final ObjectMapper json;

  public RequestTextFilter(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String refused = refusal(request);
    if (refused != null) {
      Problems.write(response, json, 400, refused);
      return;
    }
    chain.doFilter(request, response);
  }

  private static String refusal(HttpServletRequest request) {
    String path;
    try {
      path = UriUtils.decode(request.getRequestURI(), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "the request path is not valid percent-encoded UTF-8";
    }
    if (ControlCharacters.present(path, false)) {
      return ControlCharacters.message("the request path");
    }
    for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
      if (ControlCharacters.present(parameter.getKey(), false)) {
        return ControlCharacters.message("a query parameter name");
      }
      for (String value : parameter.getValue()) {
        if (ControlCharacters.present(value, false)) {
          return ControlCharacters.message("query parameter " + parameter.getKey());
        }
      }
    }
    return null;
  }
}
