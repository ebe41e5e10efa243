package io.noderr.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.gateway.agent.EmbeddedFleetCredential;
import io.noderr.gateway.agent.FleetToken;
import io.noderr.http.Problems;
import io.noderr.http.Secrets;
import io.noderr.registry.identity.NodeSessions;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.stream.Stream;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates node API callers by {@code Authorization: Bearer <token>}:
 *
 * <ul>
 *   <li>a node session ({@code nst_}, from the auth API after attestation, or from the fleet
 *       token's demo enrolment) → ROLE_NODE, the principal being the node id, so a node can speak
 *       only for itself;
 *   <li>the embedded fleet's in-memory credential → ROLE_AGENT and ROLE_EMBEDDED_FLEET;
 *   <li>the fleet token (demo simulators) → ROLE_AGENT.
 * </ul>
 *
 * Hash lookups, not bcrypt, remembered ({@link RememberedSessions}: a revoked session is refused
 * within 2 s): a 10,000-node fleet heartbeats and reports constantly.
 */
class NodeBearerFilter extends OncePerRequestFilter {

  private final FleetToken fleetToken;
  private final EmbeddedFleetCredential embeddedFleet;
  private final RememberedSessions sessions;
  private final ObjectMapper json;

  /**
   * The strategy this chain's own filters read (the context's bean when it has one): the static
   * holder is whatever the last application context in the JVM set.
   */
  private final SecurityContextHolderStrategy securityContext;

  NodeBearerFilter(
      FleetToken fleetToken,
      EmbeddedFleetCredential embeddedFleet,
      NodeSessions sessions,
      ObjectMapper json,
      SecurityContextHolderStrategy securityContext) {
    this.securityContext = securityContext;
    this.fleetToken = fleetToken;
    this.embeddedFleet = embeddedFleet;
    this.sessions = new RememberedSessions(sessions, Clock.systemUTC());
    this.json = json;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      Secrets.bearer(request.getHeader("Authorization")).ifPresent(this::authenticate);
    } catch (CannotGetJdbcConnectionException saturated) {
      // Before Spring MVC, so the API's problem handler cannot answer it: the same 503 by hand.
      response.setHeader(HttpHeaders.RETRY_AFTER, NodeApiExceptionHandler.RETRY_AFTER_SECONDS);
      Problems.write(response, json, 503, NodeApiExceptionHandler.BUSY);
      return;
    }
    chain.doFilter(request, response);
  }

  private void authenticate(String token) {
    if (Secrets.hasShape(Secrets.NODE_SESSION, token)) {
      sessions
          .nodeOf(Secrets.sha256Hex(token))
          .ifPresent(nodeId -> authenticate(nodeId, NodeRoles.NODE));
    } else if (embeddedFleet.matches(token)) {
      authenticate("embedded-fleet", NodeRoles.FLEET, NodeRoles.EMBEDDED_FLEET);
    } else if (fleetToken.matches(token)) {
      authenticate("fleet", NodeRoles.FLEET);
    }
  }

  private void authenticate(String principal, String... roles) {
    var authentication =
        new UsernamePasswordAuthenticationToken(
            principal,
            null,
            Stream.of(roles).map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList());
    securityContext.getContext().setAuthentication(authentication);
  }
}
