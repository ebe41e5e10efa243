package io.noderr.agent;

import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.Metrics;
import io.noderr.activities.TaskQueues;
import io.noderr.agent.gateway.FleetSessions;
import io.noderr.agent.gateway.GatewayConnection;
import io.noderr.observability.TemporalMetrics;
import io.noderr.observability.Tracing;
import io.temporal.authorization.AuthorizationGrpcMetadataProvider;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
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
  private final FleetSessions sessions;
  private final Scope metrics;

  private AgentHost(
      WorkflowServiceStubs service, WorkflowClient client, FleetSessions sessions, Scope metrics) {
    this.service = service;
    this.metrics = metrics;
    // The process's tracing (Tracing.current): the agent's own, or the embedded platform's for its
    // simulated fleet, whose node activities then join the platform's traces.
    this.factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(Tracing.current().workerInterceptors())
                .build());
    this.sessions = sessions;
  }

  /**
   * Connects straight to a Temporal frontend at {@code target} (host:port) in plain text:
   * development set-ups and measuring what the gateway costs only.
   *
   * @param credential the platform credential an embedded Temporal server asks for (it refuses
   *     everything else), or null for a frontend that asks for none
   */
  public static AgentHost connect(String target, String namespace, String credential) {
    WorkflowServiceStubsOptions.Builder options =
        WorkflowServiceStubsOptions.newBuilder().setTarget(target);
    if (credential != null) {
      options.addGrpcMetadataProvider(
          new AuthorizationGrpcMetadataProvider(() -> "Bearer " + credential));
    }
    return connect(options, namespace);
  }

  /**
   * Connects through the platform's node gateway at {@code target} with the pinned certificate and
   * the node's session (see {@link GatewayConnection}).
   */
  public static AgentHost connectThroughGateway(
      String target, String namespace, String certificateSha256, Supplier<String> sessionToken) {
    return connect(GatewayConnection.options(target, certificateSha256, sessionToken), namespace);
  }

  /**
   * A simulated fleet's one connection through the node gateway: the pinned certificate, and each
   * node's calls with that node's session from {@code sessions} (renewed by it; closed with this
   * host).
   */
  public static AgentHost connectFleetThroughGateway(
      String target, String namespace, String certificateSha256, FleetSessions sessions) {
    return connect(
        GatewayConnection.fleetOptions(target, certificateSha256, sessions), namespace, sessions);
  }

  private static AgentHost connect(WorkflowServiceStubsOptions.Builder options, String namespace) {
    return connect(options, namespace, null);
  }

  private static AgentHost connect(
      WorkflowServiceStubsOptions.Builder options, String namespace, FleetSessions sessions) {
    // The Temporal SDK's metrics into the global registry: the agent's /metrics, or the embedded
    // platform's Prometheus registry (Spring Boot adds it to the global one).
    Scope metrics = TemporalMetrics.scope(Metrics.globalRegistry);
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(options.setMetricsScope(metrics).build());
    return new AgentHost(
        service,
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace(namespace).build()),
        sessions,
        metrics);
  }

  /** Hosts workers for an existing client (tests, the embedded platform). */
  public static AgentHost using(WorkflowClient client) {
    return new AgentHost(null, client, null, null);
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
    if (sessions != null) {
      sessions.close();
    }
    if (metrics != null) {
      TemporalMetrics.close(metrics);
    }
  }
}
