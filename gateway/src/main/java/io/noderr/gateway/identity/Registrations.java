package io.noderr.gateway.identity;

import static io.noderr.gateway.identity.AuthRefusedException.Kind.CONFLICT;

import io.noderr.activities.onboarding.NodeIdentity;
import io.noderr.workflows.UpdateRefusals;
import io.noderr.workflows.onboarding.OnboardingWorkflow;
import io.noderr.workflows.onboarding.RegisterCommand;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import org.springframework.stereotype.Component;

/**
 * Hands a verified node to its application's OnboardingWorkflow (Update {@code register}); the
 * workflow creates the node and is the record of the registration.
 */
@Component
class Registrations {

  private final WorkflowClient workflows;

  Registrations(WorkflowClient workflows) {
    this.workflows = workflows;
  }

  /** Returns the new node's id. */
  String complete(String applicationId, String tokenHash, String tier, NodeIdentity identity) {
    OnboardingWorkflow workflow =
        workflows.newWorkflowStub(
            OnboardingWorkflow.class, OnboardingWorkflow.workflowId(applicationId));
    try {
      return workflow.register(new RegisterCommand(tokenHash, tier, identity)).nodeId();
    } catch (WorkflowUpdateException e) {
      throw new AuthRefusedException(CONFLICT, UpdateRefusals.reason(e));
    } catch (WorkflowNotFoundException e) {
      throw new AuthRefusedException(CONFLICT, "the application is closed");
    }
  }
}
