package io.noderr.console.operator;

import io.noderr.registry.access.OperatorLogin;
import java.time.Instant;

/** An operator login as admins list it: never its password hash. */
public record OperatorLoginSummary(
    String username,
    String operatorId,
    Instant createdAt,
    String createdBy,
    Instant disabledAt,
    String disabledBy) {

  static OperatorLoginSummary of(OperatorLogin login) {
    return new OperatorLoginSummary(
        login.username(),
        login.operatorId(),
        login.createdAt(),
        login.createdBy(),
        login.disabledAt(),
        login.disabledBy());
  }
}
