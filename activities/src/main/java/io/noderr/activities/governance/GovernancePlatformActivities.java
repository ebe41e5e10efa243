package io.noderr.activities.governance;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The proposal workflow's steps in the platform: read model, audit log, applied parameters. */
@ActivityInterface
public interface GovernancePlatformActivities {

  /**
   * Applies the parameters an executed proposal changed to the platform (tier minimums, the
   * rollouts' first cohort, auto-deploy, fees), each audited with the actor {@code
   * governance:proposal-<id>}. Idempotent: a retry applies nothing twice.
   */
  @ActivityMethod
  ParametersApplied applyParameters(ParameterApplication application);

  /**
   * Records the state the workflow confirmed on chain in the read model (never backwards) and
   * appends the step's audit entry once.
   */
  @ActivityMethod
  ProposalRecorded recordProposal(ProposalProgress progress);
}
