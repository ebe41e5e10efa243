package io.noderr.console.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.noderr.console.onboarding.OnboardingProperties;
import io.noderr.http.BodySizeLimitFilter;
import io.noderr.http.Problems;
import io.noderr.http.RateLimitFilter;
import io.noderr.http.RequestTextFilter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * The console REST API's chain: stateless, HTTP Basic for people, bearer API tokens ({@code nat_})
 * for automation, JSON problem answers for 401 and 403. What nodes call (auth, agent, beacon) is
 * the node gateway's, with its own chain ahead of this one. Requests with control characters in
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
      ApiTokenAuthenticator apiTokens,
      OnboardingProperties onboarding,
      ObjectMapper json,
      ObjectProvider<SecurityContextHolderStrategy> securityContext)
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
        .addFilterBefore(
            new BodySizeLimitFilter(json, "/api/v1/applications"::equals),
            BasicAuthenticationFilter.class)
        .addFilterBefore(
            new BearerTokenFilter(
                apiTokens,
                securityContext.getIfAvailable(SecurityContextHolder::getContextHolderStrategy)),
            BasicAuthenticationFilter.class)
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers("/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .requestMatchers("/actuator/**")
                    .hasAnyRole(Roles.ADMIN, Roles.SRE)
                    .requestMatchers(HttpMethod.POST, "/api/v1/applications")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .build();
  }

  /** The public endpoint is rate-limited per address before anything else runs. */
  private static RateLimitFilter rateLimit(OnboardingProperties onboarding, ObjectMapper json) {
    return new RateLimitFilter(
        List.of(
            new RateLimitFilter.Rule(
                "POST", "/api/v1/applications", onboarding.rateLimit().applicationsPerMinute())),
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
      response.setHeader("WWW-Authenticate", "Basic realm=\"noderr\"");
      Problems.write(response, json, 401, "authentication required");
    }
  }
}
