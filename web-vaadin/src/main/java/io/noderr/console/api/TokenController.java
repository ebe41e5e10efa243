package io.noderr.console.api;

import io.noderr.console.token.ApiTokenForm;
import io.noderr.console.token.ApiTokenNotFoundException;
import io.noderr.console.token.ApiTokenService;
import io.noderr.console.token.CreatedApiToken;
import io.noderr.registry.access.ApiTokenRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/tokens}: the caller's own API tokens ({@code Authorization: Bearer nat_...}).
 * Created with some of the caller's roles and shown once; listed without the token; revoked.
 */
@Tag(
    name = "API tokens",
    description = "The caller's own API tokens (Authorization: Bearer nat_...)")
@RestController
@RequestMapping("/api/v1/tokens")
class TokenController {

  private final ApiTokenService tokens;

  TokenController(ApiTokenService tokens) {
    this.tokens = tokens;
  }

  /** 201; the answer's {@code token} is shown once, the platform keeps only its SHA-256. */
  @Operation(
      summary =
          "Create an API token with some of the caller's roles (201; the token is shown once)")
  @ApiRoles(
      value = {"ADMIN", "SRE", "SIGNER", "OPERATOR"},
      note = "a person only: an API token cannot create tokens")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  CreatedApiToken create(@Valid @RequestBody ApiTokenForm form, Authentication caller) {
    return tokens.create(form, caller);
  }

  @Operation(summary = "List the caller's live API tokens (never the token itself)")
  @ApiRoles({"ADMIN", "SRE", "SIGNER", "OPERATOR"})
  @GetMapping
  List<ApiTokenRow> mine(Authentication caller) {
    return tokens.mine(caller);
  }

  @Operation(summary = "Revoke one of the caller's API tokens (204)")
  @ApiRoles(
      value = {"ADMIN", "SRE", "SIGNER", "OPERATOR"},
      note = "only its owner")
  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(@PathVariable String id, Authentication caller) {
    tokens.revoke(known(id), caller);
  }

  private static long known(String id) {
    if (!id.matches("[0-9]{1,18}")) {
      throw new ApiTokenNotFoundException(id);
    }
    return Long.parseLong(id);
  }
}
