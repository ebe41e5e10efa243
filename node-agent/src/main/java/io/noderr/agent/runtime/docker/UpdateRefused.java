package io.noderr.agent.runtime.docker;

import io.noderr.activities.node.NodeUpdateResult.FailureType;

/**
 * An update or revert the node will not carry out, for a reason a rollout gate counts. It becomes a
 * FAILED result, not an activity failure.
 */
final class UpdateRefused extends Exception {

  private final FailureType type;

  UpdateRefused(FailureType type, String detail) {
    super(detail);
    this.type = type;
  }

  FailureType type() {
    return type;
  }
}
