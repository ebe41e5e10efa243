package io.noderr.workflows.rollout;

import java.util.Set;

/**
 * An operator's verb on a rollout, with the roles of their login and why.
 *
 * @param forceLocks retry only: take over update locks other updates hold on the failed nodes (an
 *     audited decision; a lock whose update still runs on the node is never broken)
 */
public record OperatorCommand(String actor, Set<String> roles, String reason, boolean forceLocks) {

  public OperatorCommand(String actor, Set<String> roles, String reason) {
    this(actor, roles, reason, false);
  }

  /** The role that may steer rollouts. */
  public static final String OPERATOR_ROLE = "ADMIN";

  boolean mayOperate() {
    return roles != null && roles.contains(OPERATOR_ROLE);
  }
}
