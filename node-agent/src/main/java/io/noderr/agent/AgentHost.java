package io.noderr.agent;

import io.noderr.activities.TaskQueues;
import io.noderr.agent.gateway.GatewayConnection;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.tuning.PollerBehaviorSimpleMaximum;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One process's connection to Temporal and the node workers it hosts: one worker per node, each on
 * the node's own queue. Workers use virtual threads and a single poller, so thousands of simulated
 * nodes fit in one JVM (an autoscaling poller would create a platform thread per node).
 */
public class AgentHost implements AutoCloseable {

  private final WorkflowServiceStubs service;
  private final WorkerFactory factory;

  private AgentHost(WorkflowServiceStubs service, WorkflowClient client) {
    this.service = service;
    this.factory = WorkerFactory.newInstance(client);
  }

  /**
   * Connects to a Temporal frontend at {@code target} (host:port) in plain text, without a
   * credential: the embedded platform's own simulated fleet and development set-ups only.
   */
  public static AgentHost connect(String target, String namespace) {
    return connect(WorkflowServiceStubsOptions.newBuilder().setTarget(target), namespace);
  }

  /**
   * Connects through the platform's node gateway at {@code target} with the pinned certificate and
   * the node's session (see {@link GatewayConnection}).
   */
  public static AgentHost connectThroughGateway(
      String target, String namespace, String certificateSha256, Supplier<String> sessionToken) {
    return connect(GatewayConnection.options(target, certificateSha256, sessionToken), namespace);
  }

  private static AgentHost connect(WorkflowServiceStubsOptions.Builder options, String namespace) {
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(options.build());
    return new AgentHost(
        service,
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace(namespace).build()));
  }

  /** Hosts workers for an existing client (tests, the embedded platform). */
  public static AgentHost using(WorkflowClient client) {
    return new AgentHost(null, client);
  }

  /**
   * Adds the worker of one node serving {@code activities} (one object per activity interface);
   * Temporal only accepts new workers before {@link #start()}.
   */
  public Worker addNode(String nodeId, Object... activities) {
    Worker worker =
        factory.newWorker(
            TaskQueues.node(nodeId),
            WorkerOptions.newBuilder()
                .setUsingVirtualThreadsOnActivityWorker(true)
                .setActivityTaskPollersBehavior(new PollerBehaviorSimpleMaximum(1))
                .setMaxConcurrentActivityExecutionSize(4)
                .build());
    worker.registerActivitiesImplementations(activities);
    return worker;
  }

  public void start() {
    factory.start();
  }

  @Override
  public void close() {
    factory.shutdownNow();
    factory.awaitTermination(5, TimeUnit.SECONDS);
    if (service != null) {
      service.shutdownNow();
    }
  }
}
