package io.noderr.console.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.console.onboarding.OnboardingProperties;
import io.noderr.registry.identity.NodeSessions;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * The REST API's chain: stateless, HTTP Basic for people, bearer tokens for automation ({@code
 * nat_}) and agents, JSON problem answers for 401 and 403. Requests with control characters in
 * their path or query (400) and state-changing requests without a JSON content type or {@code
 * X-Requested-By} (403, CSRF) are refused before authentication. Method security on the service
 * facades decides roles.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

  @Bean
  @Order(1)
  SecurityFilterChain apiChain(
      HttpSecurity http,
      AgentToken agentToken,
      NodeSessions sessions,
      ApiTokenAuthenticator apiTokens,
      OnboardingProperties onboarding,
      ObjectMapper json)
      throws Exception {
    return http.securityMatcher("/api/**", "/v3/api-docs/**", "/actuator/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(
            basic -> basic.authenticationEntryPoint((req, res, e) -> unauthenticated(res, json, e)))
        .exceptionHandling(
            ex ->
                ex.authenticationEntryPoint((req, res, e) -> unauthenticated(res, json, e))
                    .accessDeniedHandler(
                        (req, res, e) ->
                            Problems.write(res, json, 403, "your role may not do this")))
        // Cheap refusals first, before any credential is checked.
        .addFilterBefore(new RequestTextFilter(json), BasicAuthenticationFilter.class)
        .addFilterBefore(new CrossSiteRequestFilter(json), BasicAuthenticationFilter.class)
        .addFilterBefore(rateLimit(onboarding, json), BasicAuthenticationFilter.class)
        .addFilterBefore(new BodySizeLimitFilter(json), BasicAuthenticationFilter.class)
        .addFilterBefore(
            new BearerTokenFilter(agentToken, sessions, apiTokens), BasicAuthenticationFilter.class)
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers("/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .requestMatchers("/actuator/**")
                    .hasAnyRole(Roles.ADMIN, Roles.SRE)
                    .requestMatchers(HttpMethod.POST, "/api/v1/applications")
                    .permitAll()
                    .requestMatchers(
                        "/api/v1/auth/challenge",
                        "/api/v1/auth/register",
                        "/api/v1/auth/register/*/activation",
                        "/api/v1/auth/token")
                    .permitAll()
                    .requestMatchers("/api/v1/auth/refresh")
                    .hasRole(Roles.NODE)
                    .requestMatchers("/api/v1/agent/heartbeats")
                    .hasAnyRole(Roles.AGENT, Roles.NODE)
                    .requestMatchers("/api/v1/agent/**")
                    .hasRole(Roles.AGENT)
                    .anyRequest()
                    .authenticated())
        .build();
  }

  /** Public endpoints are rate-limited per address before anything else runs. */
  private static RateLimitFilter rateLimit(OnboardingProperties onboarding, ObjectMapper json) {
    return new RateLimitFilter(
        List.of(
            new RateLimitFilter.Rule(
                "POST", "/api/v1/applications", onboarding.rateLimit().applicationsPerMinute()),
            new RateLimitFilter.Rule(
                "POST", "/api/v1/auth/", onboarding.rateLimit().authPerMinute())),
        json,
        System::nanoTime);
  }

  /** 401, or 429 with Retry-After while the login is throttled (see {@link LoginThrottle}). */
  private static void unauthenticated(
      HttpServletResponse response, ObjectMapper json, AuthenticationException e)
      throws IOException {
    if (e instanceof LoginThrottledException throttled) {
      response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
      Problems.write(response, json, 429, e.getMessage());
    } else {
      Problems.write(response, json, 401, "authentication required");
    }
  }
}
