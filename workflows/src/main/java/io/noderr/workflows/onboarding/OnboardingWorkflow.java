package io.noderr.workflows.onboarding;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One node operator's way into the fleet: review, approval with a single-use install token, and
 * registration of the node that proves its identity with that token. The history is the
 * application's audit trail: who reviewed it, every token issued (by hash), and the identity the
 * node registered with.
 *
 * <p>Decisions are Updates, not Signals: the reviewer and the registering node must know whether
 * they were accepted, and the validators refuse bad requests before they enter history.
 *
 * <p>Workflow id: {@code onboarding-<applicationId>} (see {@link #workflowId}).
 */
@WorkflowInterface
public interface OnboardingWorkflow {

  /** The workflow type name, as recorded in the platform's workflow read model. */
  String TYPE = "OnboardingWorkflow";

  /** The role a reviewer must hold to approve, reject or re-issue. */
  String REVIEWER_ROLE = "ADMIN";

  @WorkflowMethod
  OnboardingResult run(OnboardingInput input);

  /** Approves an application in review and issues its first install token. */
  @UpdateMethod
  TokenGrant approve(ApproveCommand command);

  @UpdateValidatorMethod(updateName = "approve")
  void validateApprove(ApproveCommand command);

  /** Rejects an application in review, or withdraws an approval whose token is still unused. */
  @UpdateMethod
  OnboardingState reject(RejectCommand command);

  @UpdateValidatorMethod(updateName = "reject")
  void validateReject(RejectCommand command);

  /** Issues a new install token for an approved application; the previous one stops working. */
  @UpdateMethod
  TokenGrant reissueToken(ReissueCommand command);

  @UpdateValidatorMethod(updateName = "reissueToken")
  void validateReissueToken(ReissueCommand command);

  /** Registers the node that presented the live install token and a verified identity. */
  @UpdateMethod
  RegistrationAccepted register(RegisterCommand command);

  @UpdateValidatorMethod(updateName = "register")
  void validateRegister(RegisterCommand command);

  @QueryMethod
  OnboardingState getState();

  static String workflowId(String applicationId) {
    return "onboarding-" + applicationId;
  }
}
