package io.noderr.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.gateway.agent.EmbeddedFleetCredential;
import io.noderr.gateway.agent.FleetToken;
import io.noderr.gateway.identity.NodeAuthProperties;
import io.noderr.http.BodySizeLimitFilter;
import io.noderr.http.Problems;
import io.noderr.http.RateLimitFilter;
import io.noderr.http.RequestTextFilter;
import io.noderr.registry.identity.NodeSessions;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The node API's chain, ahead of the console's: stateless, bearer node sessions and the fleet token
 * only (a person's password or API token means nothing here), JSON problem answers. The public auth
 * endpoints are rate-limited per address and size-limited before anything is read; anything not
 * listed is refused.
 */
@Configuration(proxyBeanMethods = false)
class NodeApiSecurityConfiguration {

  static final String AUTH = "/api/v1/auth/";

  /**
   * Agents' requests in flight before more are shed with a 503 ({@link InFlightLimitFilter}): at
   * 1,000 reports/s, 250 ms of work queued; a platform that keeps up never has this many.
   */
  static final int AGENT_REQUESTS_IN_FLIGHT = 256;

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  SecurityFilterChain nodeApiChain(
      HttpSecurity http,
      FleetToken fleetToken,
      EmbeddedFleetCredential embeddedFleet,
      NodeSessions sessions,
      NodeAuthProperties properties,
      ObjectMapper json,
      ObjectProvider<SecurityContextHolderStrategy> securityContext)
      throws Exception {
    return http.securityMatcher("/api/v1/auth/**", "/api/v1/agent/**", "/api/v1/beacon/**")
        // Bearer credentials only: no cookie or password a browser could be tricked into sending.
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .exceptionHandling(
            ex ->
                ex.authenticationEntryPoint(
                        (req, res, e) -> {
                          res.setHeader("WWW-Authenticate", "Bearer");
                          Problems.write(res, json, 401, "authentication required");
                        })
                    .accessDeniedHandler(
                        (req, res, e) ->
                            Problems.write(res, json, 403, "your role may not do this")))
        .addFilterBefore(
            new InFlightLimitFilter(AGENT_REQUESTS_IN_FLIGHT, json),
            AnonymousAuthenticationFilter.class)
        .addFilterBefore(new RequestTextFilter(json), AnonymousAuthenticationFilter.class)
        .addFilterBefore(
            new RateLimitFilter(
                List.of(
                    new RateLimitFilter.Rule("POST", AUTH, properties.rateLimit().authPerMinute())),
                json,
                System::nanoTime),
            AnonymousAuthenticationFilter.class)
        .addFilterBefore(
            new BodySizeLimitFilter(json, path -> path.startsWith(AUTH)),
            AnonymousAuthenticationFilter.class)
        .addFilterBefore(
            new NodeBearerFilter(
                fleetToken,
                embeddedFleet,
                sessions,
                json,
                securityContext.getIfAvailable(SecurityContextHolder::getContextHolderStrategy)),
            AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers(
                        "/api/v1/auth/challenge",
                        "/api/v1/auth/register",
                        "/api/v1/auth/register/*/activation",
                        "/api/v1/auth/token")
                    .permitAll()
                    .requestMatchers("/api/v1/auth/refresh")
                    .hasRole(NodeRoles.NODE)
                    .requestMatchers(
                        "/api/v1/agent/heartbeats", "/api/v1/agent/telemetry", "/api/v1/beacon/**")
                    .hasAnyRole(NodeRoles.FLEET, NodeRoles.NODE)
                    // A node proposes for its own operator only; the fleet token speaks for no one.
                    .requestMatchers("/api/v1/agent/governance/proposals")
                    .hasRole(NodeRoles.NODE)
                    .requestMatchers("/api/v1/agent/**")
                    .hasRole(NodeRoles.FLEET)
                    .anyRequest()
                    .denyAll())
        .build();
  }
}
