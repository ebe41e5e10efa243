package io.noderr.console.api;

import io.noderr.console.operator.CreatedOperatorLogin;
import io.noderr.console.operator.OperatorLoginForm;
import io.noderr.console.operator.OperatorLoginService;
import io.noderr.console.operator.OperatorLoginSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/operators/{id}/logins}: admins list, create ({@code {"username": "acme-ops"}} for
 * a generated initial password shown once in the answer, or with {@code "password"}) and disable
 * ({@code POST .../{username}/disable}) an operator's logins.
 */
@Tag(name = "Operator logins", description = "An operator's console logins: list, create, disable")
@RestController
@RequestMapping("/api/v1/operators/{operatorId}/logins")
class OperatorLoginController {

  private final OperatorLoginService logins;

  OperatorLoginController(OperatorLoginService logins) {
    this.logins = logins;
  }

  @Operation(summary = "List an operator's logins")
  @ApiRoles("ADMIN")
  @GetMapping
  List<OperatorLoginSummary> list(@PathVariable String operatorId) {
    return logins.list(operatorId);
  }

  @Operation(summary = "Create an operator login (201; a generated initial password is shown once)")
  @ApiRoles("ADMIN")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  CreatedOperatorLogin create(
      @PathVariable String operatorId, @RequestBody OperatorLoginForm form, Authentication caller) {
    return logins.create(operatorId, form, caller);
  }

  @Operation(summary = "Disable an operator login")
  @ApiRoles("ADMIN")
  @PostMapping("/{username}/disable")
  OperatorLoginSummary disable(
      @PathVariable String operatorId, @PathVariable String username, Authentication caller) {
    return logins.disable(operatorId, username, caller);
  }
}
