package io.noderr.console.rewards;

import io.noderr.console.onboarding.WorkflowUpdates;
import io.noderr.workflows.rewards.RewardEpochState;
import io.noderr.workflows.rewards.RewardEpochWorkflow;
import io.noderr.workflows.rewards.RootSignCommand;
import io.noderr.workflows.rewards.RootSignatureAccepted;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The running RewardEpochWorkflow: the one epoch whose stage and signatures are live (the read
 * model trails it by a step). Every other epoch is the read model's alone.
 */
@Component
class LiveRewardEpoch {

  private final WorkflowClient client;

  LiveRewardEpoch(WorkflowClient client) {
    this.client = client;
  }

  /** The workflow's state when it is running {@code epoch}; empty otherwise or when not running. */
  Optional<RewardEpochState> state(long epoch) {
    try {
      // A closed run answers queries only by replaying on a worker: asked only while running, so
      // a stopped chain of epochs never holds a page up.
      if (client.newUntypedWorkflowStub(RewardEpochWorkflow.WORKFLOW_ID).describe().getStatus()
          != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        return Optional.empty();
      }
      RewardEpochState state = workflow().getState();
      return state.epoch() == epoch ? Optional.of(state) : Optional.empty();
    } catch (WorkflowException notRunning) {
      return Optional.empty();
    }
  }

  /** Hands the signature to the workflow; its refusal is a DecisionRefusedException (409). */
  RootSignatureAccepted sign(RootSignCommand command) {
    return WorkflowUpdates.call(
        () -> workflow().sign(command), () -> "no reward epoch is running on this platform");
  }

  private RewardEpochWorkflow workflow() {
    return client.newWorkflowStub(RewardEpochWorkflow.class, RewardEpochWorkflow.WORKFLOW_ID);
  }
}
