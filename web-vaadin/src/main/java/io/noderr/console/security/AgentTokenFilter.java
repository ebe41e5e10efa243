package io.noderr.console.security;

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
 * Authenticates node agents by {@code Authorization: Bearer <agent token>} with ROLE_AGENT. A hash
 * comparison, not bcrypt: agents of a 10,000-node fleet heartbeat constantly.
 */
class AgentTokenFilter extends OncePerRequestFilter {

  private static final String BEARER = "Bearer ";

  private final AgentToken agentToken;

  AgentTokenFilter(AgentToken agentToken) {
    this.agentToken = agentToken;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header != null
        && header.startsWith(BEARER)
        && agentToken.matches(header.substring(BEARER.length()).strip())) {
      var authentication =
          new UsernamePasswordAuthenticationToken(
              "agent", null, List.of(new SimpleGrantedAuthority("ROLE_" + Roles.AGENT)));
      SecurityContextHolder.getContext().setAuthentication(authentication);
    }
    chain.doFilter(request, response);
  }
}
