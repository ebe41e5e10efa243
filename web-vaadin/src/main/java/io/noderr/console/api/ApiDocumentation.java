package io.noderr.console.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document served at {@code /v3/api-docs}: title and the ways to authenticate. One web
 * server answers the console API and the node gateway's HTTP API, so both are listed.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

  @Bean
  OpenAPI noderrApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Noderr platform API")
                .version("v1")
                .description(
                    "The console API (node registry, fleet health, onboarding, releases,"
                        + " deployments): people use HTTP Basic, automation a bearer API token"
                        + " (nat_). The node API (/api/v1/auth, /api/v1/agent, /api/v1/beacon),"
                        + " served by the node gateway: nodes use their bearer session (nst_)."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                .addSecuritySchemes(
                    "bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
        .addSecurityItem(new SecurityRequirement().addList("basic"));
  }
}
