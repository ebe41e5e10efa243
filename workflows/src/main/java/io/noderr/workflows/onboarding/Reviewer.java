package io.noderr.workflows.onboarding;

import java.util.Set;

/** The authenticated person behind a decision, with the roles the console or API granted them. */
public record Reviewer(String name, Set<String> roles) {

  boolean mayReview() {
    return roles != null && roles.contains(OnboardingWorkflow.REVIEWER_ROLE);
  }
}
