package io.noderr.workflows.rollout;

import java.util.Set;

/** An operator's verb on a rollout, with the roles of their login and why. */
public record OperatorCommand(String actor, Set<String> roles, String reason) {

  /** The role that may steer rollouts. */
  public static final String OPERATOR_ROLE = "ADMIN";

  boolean mayOperate() {
    return roles != null && roles.contains(OPERATOR_ROLE);
  }
}
