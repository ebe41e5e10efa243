package io.noderr.workflows.onboarding;

/** Where an application stands. REGISTERING is the moment the node is being written. */
public enum OnboardingStage {
  IN_REVIEW,
  APPROVED,
  REGISTERING,
  REGISTERED,
  REJECTED,
  EXPIRED
}
