package io.noderr.workflows.onboarding;

import io.noderr.activities.onboarding.ApplicationSubmitted;

/**
 * @param tokenTtlMillis how long an install token stays valid after it is issued
 * @param reviewWindowMillis how long an application may wait for a review before it expires
 * @param resumedFrom set only when the platform starts the application's workflow again after it
 *     was lost (the embedded Temporal server keeps nothing across restarts); null otherwise
 */
public record OnboardingInput(
    ApplicationSubmitted application,
    long tokenTtlMillis,
    long reviewWindowMillis,
    Resumption resumedFrom) {

  /** A new application. */
  public OnboardingInput(
      ApplicationSubmitted application, long tokenTtlMillis, long reviewWindowMillis) {
    this(application, tokenTtlMillis, reviewWindowMillis, null);
  }

  /**
   * Where a lost application stood, as the registry keeps it: awaiting review (until its review
   * deadline), or approved with a live install token (known by its hash only).
   *
   * @param stage IN_REVIEW or APPROVED
   * @param reviewDeadlineMillis when an application still in review expires (epoch millis)
   * @param reviewer who approved (APPROVED only)
   * @param tokenHash the live install token's SHA-256 hash (APPROVED only)
   * @param tokenExpiresAtMillis when that token expires (APPROVED only)
   */
  public record Resumption(
      OnboardingStage stage,
      long reviewDeadlineMillis,
      String reviewer,
      String tokenHash,
      long tokenExpiresAtMillis) {

    public Resumption {
      if (stage != OnboardingStage.IN_REVIEW && stage != OnboardingStage.APPROVED) {
        throw new IllegalArgumentException("only an application in review or approved resumes");
      }
    }

    public static Resumption inReview(long reviewDeadlineMillis) {
      return new Resumption(OnboardingStage.IN_REVIEW, reviewDeadlineMillis, null, null, 0);
    }

    public static Resumption approved(String reviewer, String tokenHash, long expiresAtMillis) {
      return new Resumption(OnboardingStage.APPROVED, 0, reviewer, tokenHash, expiresAtMillis);
    }
  }
}
