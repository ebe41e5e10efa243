package io.noderr.workflows.rollout;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Updates (or reverts) one batch of a rollout's nodes, a child of {@link RolloutWorkflow}. Batches
 * keep every execution small: a 10,000-node rollout is 20 children of 500 activities each instead
 * of one history with 10,000.
 */
@WorkflowInterface
public interface NodeBatchWorkflow {

  @WorkflowMethod
  NodeBatchResult run(NodeBatchInput input);
}
