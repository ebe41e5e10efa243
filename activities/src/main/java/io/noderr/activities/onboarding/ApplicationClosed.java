package io.noderr.activities.onboarding;

/** An application that ends without a node: rejected by a reviewer, or expired. */
public record ApplicationClosed(
    String applicationId, Outcome outcome, String actor, String reason, String workflowId) {

  public enum Outcome {
    REJECTED,
    EXPIRED
  }
}
