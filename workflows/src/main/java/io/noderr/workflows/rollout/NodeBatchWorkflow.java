package io.noderr.workflows.rollout;

import io.noderr.activities.TaskQueues;
import io.noderr.workflows.search.NoderrSearchAttributes;
import io.temporal.workflow.ChildWorkflowOptions;
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

  /** Options for one batch of a rollout, on the platform queue. */
  static ChildWorkflowOptions.Builder childOptions(String workflowId) {
    return ChildWorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(TaskQueues.PLATFORM);
  }

  /** Adds the batch's search attributes and summary for the Temporal UI to {@code options}. */
  static ChildWorkflowOptions.Builder visible(
      ChildWorkflowOptions.Builder options, int number, NodeBatchInput input) {
    return options
        .setTypedSearchAttributes(RolloutVisibility.ofBatch(input))
        .setMemo(NoderrSearchAttributes.memo(RolloutVisibility.batchSummary(number, input)));
  }
}
