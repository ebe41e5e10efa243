package io.noderr.console.security;

import io.noderr.registry.identity.NodeSessions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates machines by {@code Authorization: Bearer <token>}:
 *
 * <ul>
 *   <li>a node session token (from the auth API, after attestation) → ROLE_NODE, the principal
 *       being the node id, so a node can speak only for itself;
 *   <li>a person's API token ({@code nat_}) → the owner, with the token's roles;
 *   <li>the fleet agent token (simulators and development agents) → ROLE_AGENT.
 * </ul>
 *
 * Hash lookups, not bcrypt: agents of a 10,000-node fleet heartbeat constantly.
 */
class BearerTokenFilter extends OncePerRequestFilter {

  private static final String BEARER = "Bearer ";

  private final AgentToken agentToken;
  private final NodeSessions sessions;
  private final ApiTokenAuthenticator apiTokens;

  BearerTokenFilter(AgentToken agentToken, NodeSessions sessions, ApiTokenAuthenticator apiTokens) {
    this.agentToken = agentToken;
    this.sessions = sessions;
    this.apiTokens = apiTokens;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header != null && header.startsWith(BEARER)) {
      String token = header.substring(BEARER.length()).strip();
      if (Secrets.hasShape(Secrets.NODE_SESSION, token)) {
        sessions
            .nodeOf(Secrets.sha256Hex(token))
            .ifPresent(nodeId -> authenticate(nodeId, Roles.NODE));
      } else if (Secrets.hasShape(Secrets.API_TOKEN, token)) {
        apiTokens
            .authenticate(token)
            .ifPresent(SecurityContextHolder.getContext()::setAuthentication);
      } else if (agentToken.matches(token)) {
        authenticate("agent", Roles.AGENT);
      }
    }
    chain.doFilter(request, response);
  }

  private static void authenticate(String principal, String role) {
    var authentication =
        new UsernamePasswordAuthenticationToken(
            principal, null, List.of(new SimpleGrantedAuthority("ROLE_" + role)));
    SecurityContextHolder.getContext().setAuthentication(authentication);
  }
}
