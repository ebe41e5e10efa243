package io.noderr.registry.access;

import java.time.Instant;

/**
 * A person's login for one node operator. {@code passwordHash} is bcrypt; it leaves the registry
 * only towards the password check.
 */
public record OperatorLogin(
    long id,
    String username,
    String passwordHash,
    String operatorId,
    Instant createdAt,
    String createdBy,
    Instant disabledAt,
    String disabledBy) {

  public boolean disabled() {
    return disabledAt != null;
  }
}
