package io.noderr.console.views;

import io.noderr.activities.TaskQueues;
import io.noderr.activities.node.NodeRevertRequest;
import io.noderr.activities.node.NodeUpdateActivities;
import io.noderr.activities.node.NodeUpdateRequest;
import io.noderr.activities.node.NodeUpdateResult;
import io.noderr.activities.node.NodeUpdateResult.Outcome;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Node agents for the console's tests, each polling its node's own task queue on the test server as
 * a real agent does: they answer at once, updated — or failed as told. The console never talks to
 * agents; these only let a real rollout run to an end with a known failure in it.
 */
final class FakeNodeAgents implements AutoCloseable {

  private final WorkerFactory factory;

  /**
   * @param failures the result each failing node answers an update with; every other node updates
   */
  FakeNodeAgents(
      WorkflowClient client, List<String> nodeIds, Map<String, NodeUpdateResult> failures) {
    // A factory of its own: the application's is started already and takes no new workers.
    factory = WorkerFactory.newInstance(client);
    for (String nodeId : nodeIds) {
      factory
          .newWorker(TaskQueues.node(nodeId))
          .registerActivitiesImplementations(new Agent(nodeId, failures.get(nodeId)));
    }
    factory.start();
  }

  @Override
  public void close() throws InterruptedException {
    factory.shutdownNow();
    factory.awaitTermination(10, TimeUnit.SECONDS);
  }

  private record Agent(String nodeId, NodeUpdateResult failure) implements NodeUpdateActivities {

    @Override
    public NodeUpdateResult update(NodeUpdateRequest request) {
      return failure != null
          ? failure
          : new NodeUpdateResult(
              nodeId, Outcome.UPDATED, null, "running " + request.version(), request.version(), 40);
    }

    @Override
    public NodeUpdateResult revert(NodeRevertRequest request) {
      return new NodeUpdateResult(nodeId, Outcome.ROLLED_BACK, null, "back", "previous", 20);
    }
  }
}
