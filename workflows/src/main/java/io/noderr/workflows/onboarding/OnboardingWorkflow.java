package io.noderr.workflows.onboarding;

import io.noderr.activities.TaskQueues;
import io.noderr.activities.onboarding.ApplicationSubmitted;
import io.noderr.workflows.search.NoderrSearchAttributes;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;
import java.util.Locale;

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

  /**
   * Options to start the application's workflow on the platform queue, with its search attributes
   * and summary for the Temporal UI; the node id is added once a node registers.
   */
  static WorkflowOptions.Builder startOptions(OnboardingInput input) {
    ApplicationSubmitted application = input.application();
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId(application.applicationId()))
        .setTaskQueue(TaskQueues.PLATFORM)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(NoderrSearchAttributes.TIER, List.of(application.tier()))
                .set(NoderrSearchAttributes.OPERATOR, operatorId(application))
                .set(NoderrSearchAttributes.STAGE, OnboardingStage.IN_REVIEW.name())
                .build())
        .setMemo(NoderrSearchAttributes.memo(summary(application)));
  }

  /** "Onboarding of Acme Nodes (ORACLE, eu-west), application app-1a2b". */
  static String summary(ApplicationSubmitted application) {
    return "Onboarding of "
        + application.operatorName()
        + " ("
        + application.tier()
        + ", "
        + application.region()
        + "), application "
        + application.applicationId();
  }

  /**
   * The operator's id once registered: its signing address, lowercase (as the registry keeps it).
   */
  private static String operatorId(ApplicationSubmitted application) {
    return application.signingAddress().toLowerCase(Locale.ROOT);
  }
}
