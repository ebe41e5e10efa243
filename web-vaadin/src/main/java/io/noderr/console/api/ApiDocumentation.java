package io.noderr.console.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The OpenAPI document served at {@code /v3/api-docs}: title and the ways to authenticate. One web
 * server answers the console API and the node gateway's HTTP API, so both are listed. Every console
 * operation says who may call it: {@code x-roles} (and {@code x-roles-note}) from its {@link
 * ApiRoles}; docs/api-reference.md is rendered from this document.
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
                .addSchemas(
                    "Problem",
                    new Schema<>()
                        .type("object")
                        .description("RFC 9457 problem details (application/problem+json)")
                        .addProperty("type", new StringSchema())
                        .addProperty("title", new StringSchema())
                        .addProperty("status", new IntegerSchema())
                        .addProperty("detail", new StringSchema())
                        .addProperty("instance", new StringSchema()))
                .addSecuritySchemes(
                    "basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                .addSecuritySchemes(
                    "bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
        .addSecurityItem(new SecurityRequirement().addList("basic"));
  }

  /** {@code x-roles}: the roles of the operation's {@link ApiRoles}, as declared. */
  @Bean
  OperationCustomizer apiRoles() {
    return (operation, handler) -> {
      ApiRoles roles = handler.getMethodAnnotation(ApiRoles.class);
      if (roles != null) {
        operation.addExtension("x-roles", List.of(roles.value()));
        if (!roles.note().isBlank()) {
          operation.addExtension("x-roles-note", roles.note());
        }
        boolean anonymous = List.of(roles.value()).contains(ApiRoles.ANONYMOUS);
        if (anonymous) {
          operation.setSecurity(List.of());
        }
        refusals(operation, anonymous, handler.hasMethodAnnotation(GetMapping.class));
      }
      return operation;
    };
  }

  /**
   * The refusals every console operation may answer (RFC 9457 problems): bad input, credentials,
   * role or CSRF header, an unknown id in the path. Answers specific to one operation (409 and the
   * like) are in its documentation.
   */
  private static void refusals(Operation operation, boolean anonymous, boolean read) {
    ApiResponses responses = operation.getResponses();
    if (responses == null) {
      return;
    }
    boolean parameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
    if (parameters || operation.getRequestBody() != null) {
      responses.putIfAbsent("400", problem("malformed input: the detail names the field"));
    }
    if (anonymous) {
      responses.putIfAbsent("429", problem("too many applications from this address"));
    } else {
      responses.putIfAbsent("401", problem("no or bad credentials"));
    }
    String csrf = "no JSON content type or X-Requested-By header";
    responses.putIfAbsent(
        "403", problem(anonymous ? csrf : read ? "another role" : "another role, or " + csrf));
    boolean pathVariable =
        parameters && operation.getParameters().stream().anyMatch(p -> "path".equals(p.getIn()));
    if (pathVariable) {
      responses.putIfAbsent("404", problem("nothing with that id (that the caller may see)"));
    }
  }

  private static ApiResponse problem(String description) {
    return new ApiResponse()
        .description(description)
        .content(
            new Content()
                .addMediaType(
                    "application/problem+json",
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
  }
}
