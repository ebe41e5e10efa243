package io.noderr.activities.onboarding;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Platform-side registry writes of the onboarding workflow. Every method is idempotent (a retried
 * activity changes nothing twice and appends no second audit entry) and writes its audit entry in
 * the same transaction as the change it records.
 */
@ActivityInterface
public interface OnboardingActivities {

  /** Stores the application (status IN_REVIEW) and its workflow run. */
  @ActivityMethod
  StepRecorded recordApplication(ApplicationSubmitted application);

  /** Marks the application APPROVED and stores the install token's hash, revoking any older one. */
  @ActivityMethod
  StepRecorded recordTokenIssued(TokenIssued issued);

  /** Marks the application REJECTED or EXPIRED and revokes its live install token. */
  @ActivityMethod
  StepRecorded recordClosed(ApplicationClosed closed);

  /**
   * Creates the node ACTIVE with its proven identity, consumes the install token and marks the
   * application REGISTERED.
   */
  @ActivityMethod
  StepRecorded registerNode(NodeRegistration registration);

  /**
   * Reads the applicant's active stake (its signing address) against its tier's minimum on chain,
   * while governance is on; a read only.
   */
  @ActivityMethod
  StakeVerdict checkApplicantStake(ApplicationSubmitted application);
}
