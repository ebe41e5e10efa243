package io.noderr.app.bench;

import io.noderr.activities.TaskQueues;
import io.noderr.activities.node.NodeStatusActivities;
import io.noderr.activities.node.StatusRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Parent and batch in one type: a list longer than a batch is split into child runs. */
public class FloorWorkflowImpl implements FloorWorkflow {

  private static final int BATCH = 500;

  @Override
  public int run(List<String> nodeIds) {
    if (nodeIds.size() > BATCH) {
      int done = 0;
      for (int from = 0; from < nodeIds.size(); from += BATCH) {
        FloorWorkflow batch =
            Workflow.newChildWorkflowStub(
                FloorWorkflow.class, ChildWorkflowOptions.newBuilder().setTaskQueue(QUEUE).build());
        done += batch.run(nodeIds.subList(from, Math.min(nodeIds.size(), from + BATCH)));
      }
      return done;
    }
    List<Promise<Void>> nodes = new ArrayList<>();
    for (String nodeId : nodeIds) {
      nodes.add(Async.procedure(() -> threeNoOps(nodeId)));
    }
    Promise.allOf(nodes).get();
    return nodeIds.size();
  }

  private static void threeNoOps(String nodeId) {
    NodeStatusActivities agent =
        Workflow.newActivityStub(
            NodeStatusActivities.class,
            ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.node(nodeId))
                .setStartToCloseTimeout(Duration.ofMinutes(2))
                .build());
    for (int i = 0; i < 3; i++) {
      agent.reportStatus(new StatusRequest("bench floor"));
    }
  }
}
