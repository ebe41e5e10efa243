package io.noderr.app.bench;

import static io.noderr.app.bench.BenchPlatform.print;

import io.noderr.activities.TaskQueues;
import io.noderr.workflows.healthcheck.NodeHealthCheckInput;
import io.noderr.workflows.healthcheck.NodeHealthCheckResult;
import io.noderr.workflows.healthcheck.NodeHealthCheckWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code ./noderr bench health-checks [--nodes N] [--rounds R]}: R back-to-back rounds of one
 * NodeHealthCheckWorkflow per node (two activities on the node's own queue, one on the platform
 * queue) on the embedded Temporal server. Flat round times show the embedded server does not slow
 * down over the process's life.
 */
public final class HealthCheckBench {

  public static void main(String[] args) throws Exception {
    int nodes = BenchPlatform.nodesArgument(args, 1_000);
    int rounds = BenchPlatform.intArgument(args, "--rounds", 3);
    try (BenchPlatform platform = BenchPlatform.start(nodes)) {
      WorkflowClient client = platform.context.getBean(WorkflowClient.class);
      for (int round = 1; round <= rounds; round++) {
        long t0 = System.nanoTime();
        List<CompletableFuture<NodeHealthCheckResult>> results = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
          String nodeId = "sim-%05d".formatted(i);
          NodeHealthCheckWorkflow workflow =
              client.newWorkflowStub(
                  NodeHealthCheckWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setTaskQueue(TaskQueues.PLATFORM)
                      .setWorkflowId("bench-" + round + "-" + nodeId)
                      .build());
          WorkflowClient.start(workflow::run, new NodeHealthCheckInput(nodeId, "bench"));
          results.add(WorkflowStub.fromTyped(workflow).getResultAsync(NodeHealthCheckResult.class));
        }
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - t0) / 1e9;
        print("round " + round + " seconds", seconds);
        print("round " + round + " health checks per minute", nodes * 60 / seconds);
      }
      BenchPlatform.printPeakHeap();
    }
  }
}
