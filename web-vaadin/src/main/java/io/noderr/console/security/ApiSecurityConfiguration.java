package io.noderr.console.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * The REST API's chain: stateless, HTTP Basic for people and automation, bearer token for agents,
 * JSON problem answers for 401 and 403. Method security on the service facades decides roles.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

  @Bean
  @Order(1)
  SecurityFilterChain apiChain(HttpSecurity http, AgentToken agentToken, ObjectMapper json)
      throws Exception {
    return http.securityMatcher("/api/**", "/v3/api-docs/**", "/actuator/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(
            basic ->
                basic.authenticationEntryPoint(
                    (req, res, e) -> problem(res, json, 401, "authentication required")))
        .exceptionHandling(
            ex ->
                ex.authenticationEntryPoint(
                        (req, res, e) -> problem(res, json, 401, "authentication required"))
                    .accessDeniedHandler(
                        (req, res, e) -> problem(res, json, 403, "your role may not do this")))
        .addFilterBefore(new AgentTokenFilter(agentToken), BasicAuthenticationFilter.class)
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers("/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .requestMatchers("/actuator/**")
                    .hasAnyRole(Roles.ADMIN, Roles.SRE)
                    .requestMatchers("/api/v1/agent/**")
                    .hasRole(Roles.AGENT)
                    .anyRequest()
                    .authenticated())
        .build();
  }

  static void problem(HttpServletResponse response, ObjectMapper json, int status, String detail)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    if (status == 401) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"noderr\"");
    }
    json.writeValue(
        response.getOutputStream(),
        Map.of(
            "type",
            "about:blank",
            "status",
            status,
            "title",
            status == 401 ? "Unauthorized" : "Forbidden",
            "detail",
            detail));
  }
}
