package io.noderr.console.api;

import io.noderr.console.token.ApiTokenForm;
import io.noderr.console.token.ApiTokenNotFoundException;
import io.noderr.console.token.ApiTokenService;
import io.noderr.console.token.CreatedApiToken;
import io.noderr.registry.access.ApiTokenRow;
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
@RestController
@RequestMapping("/api/v1/tokens")
class TokenController {

  private final ApiTokenService tokens;

  TokenController(ApiTokenService tokens) {
    this.tokens = tokens;
  }

  /** 201; the answer's {@code token} is shown once, the platform keeps only its SHA-256. */
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  CreatedApiToken create(@Valid @RequestBody ApiTokenForm form, Authentication caller) {
    return tokens.create(form, caller);
  }

  @GetMapping
  List<ApiTokenRow> mine(Authentication caller) {
    return tokens.mine(caller);
  }

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
