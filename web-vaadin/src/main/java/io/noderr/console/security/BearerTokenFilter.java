package io.noderr.console.security;

import io.noderr.http.Secrets;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates automation by {@code Authorization: Bearer nat_…}: a person's API token, with the
 * token's roles. A hash lookup, not bcrypt, so scripts polling the API cost little. (Node sessions
 * and the fleet token are the node gateway's; this API does not take them.)
 */
class BearerTokenFilter extends OncePerRequestFilter {

  private final ApiTokenAuthenticator apiTokens;

  /**
   * The strategy this chain's own filters read (Vaadin's, a bean of the context): the static holder
   * is whatever the last application context in the JVM set, which is another context's in tests.
   */
  private final SecurityContextHolderStrategy securityContext;

  BearerTokenFilter(
      ApiTokenAuthenticator apiTokens, SecurityContextHolderStrategy securityContext) {
    this.apiTokens = apiTokens;
    this.securityContext = securityContext;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Secrets.bearer(request.getHeader("Authorization"))
        .filter(token -> Secrets.hasShape(Secrets.API_TOKEN, token))
        .flatMap(apiTokens::authenticate)
        .ifPresent(
            authentication -> securityContext.getContext().setAuthentication(authentication));
    chain.doFilter(request, response);
  }
}
