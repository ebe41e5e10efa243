package io.noderr.workflows.release;

import java.util.Set;

/** A release manager withdrawing a request, with the roles their login holds. */
public record WithdrawCommand(String actor, Set<String> roles, String reason) {

  boolean byReleaseManager() {
    return roles != null && roles.contains(ReleaseApprovalWorkflow.RELEASE_MANAGER_ROLE);
  }
}
