package io.noderr.gateway;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.noderr.activities.TaskQueues;
import io.noderr.gateway.Probe.ProbeActivities;
import io.noderr.gateway.Probe.ProbeWorkflow;
import io.noderr.gateway.Probe.ProbeWorkflowImpl;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.identity.NodeSessions;
import io.noderr.registry.identity.TokenHash;
import io.temporal.authorization.AuthorizationGrpcMetadataProvider;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.tuning.PollerBehaviorSimpleMaximum;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Not a test (the name matches no surefire include; it asserts nothing): what the gateway costs.
 * Run with {@code ./mvnw -pl gateway -am test -Dtest=GatewayThroughputBench
 * -Dsurefire.failIfNoSpecifiedTests=false}. One JVM, the Temporal test services on a loopback gRPC
 * server as the embedded platform runs them; {@code NODES} node workers (one poller each, as agents
 * run) complete {@code ACTIVITIES} one-activity workflows, first connected straight to Temporal in
 * plain text, then through the gateway (TLS, session per call), three rounds each.
 */
class GatewayThroughputBench {

  private static final int NODES = 20;
  private static final int ACTIVITIES = 1_000;
  private static final int ROUNDS = 3;

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  @Test
  void activitiesThroughTheGateway_versusDirect() throws Exception {
    TestServicesStarter services = new TestServicesStarter(true, 0);
    var executor = Executors.newVirtualThreadPerTaskExecutor();
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).executor(executor);
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    Server temporal = builder.build().start();
    String temporalTarget = "127.0.0.1:" + temporal.getPort();
    WorkflowServiceStubs platform =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporalTarget).build());
    WorkflowClient client = WorkflowClient.newInstance(platform);
    WorkerFactory platformWorkers = WorkerFactory.newInstance(client);
    platformWorkers
        .newWorker(TaskQueues.PLATFORM)
        .registerWorkflowImplementationTypes(ProbeWorkflowImpl.class);
    platformWorkers.start();
    GatewayCertificate certificate = GatewayCertificate.generate();
    try (NodeGateway gateway =
        NodeGateway.start(
            new GatewayProperties(
                true, "127.0.0.1", 0, "default", Duration.ofSeconds(1), Duration.ofSeconds(1)),
            certificate,
            platform,
            new RegistrySessionLookup(db.bean(NodeSessions.class)),
            db.bean(AuditLog.class))) {
      List<String> nodes = new ArrayList<>();
      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < NODES; i++) {
        String node = "bench-%03d".formatted(i);
        String token = "nst_" + "%043d".formatted(i);
        db.insertNode(node, "acme", Tier.ALL, "eu-west", "ACTIVE");
        db.bean(NodeSessions.class)
            .issue(TokenHash.sha256Hex(token), node, Instant.now().plus(Duration.ofHours(1)));
        nodes.add(node);
        tokens.add(token);
      }
      var tls = GrpcSslContexts.forClient().trustManager(certificate.certificate()).build();
      for (boolean throughGateway : new boolean[] {false, true, false, true}) {
        List<WorkflowServiceStubs> stubs = new ArrayList<>();
        List<WorkerFactory> factories = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
          String token = tokens.get(i);
          WorkflowServiceStubsOptions.Builder options =
              throughGateway
                  ? WorkflowServiceStubsOptions.newBuilder()
                      .setTarget("127.0.0.1:" + gateway.port())
                      .setSslContext(tls)
                      .addGrpcMetadataProvider(
                          new AuthorizationGrpcMetadataProvider(() -> "Bearer " + token))
                  : WorkflowServiceStubsOptions.newBuilder().setTarget(temporalTarget);
          WorkflowServiceStubs nodeStubs = WorkflowServiceStubs.newServiceStubs(options.build());
          WorkerFactory factory =
              WorkerFactory.newInstance(
                  WorkflowClient.newInstance(
                      nodeStubs, WorkflowClientOptions.newBuilder().build()));
          String node = nodes.get(i);
          factory
              .newWorker(
                  TaskQueues.node(node),
                  WorkerOptions.newBuilder()
                      .setUsingVirtualThreadsOnActivityWorker(true)
                      .setActivityTaskPollersBehavior(new PollerBehaviorSimpleMaximum(1))
                      .build())
              .registerActivitiesImplementations((ProbeActivities) question -> node);
          factory.start();
          stubs.add(nodeStubs);
          factories.add(factory);
        }
        String mode = throughGateway ? "gateway" : "direct ";
        for (int round = 1; round <= ROUNDS; round++) {
          long started = System.nanoTime();
          List<CompletableFuture<String>> results = new ArrayList<>();
          for (int i = 0; i < ACTIVITIES; i++) {
            ProbeWorkflow probe =
                client.newWorkflowStub(
                    ProbeWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.PLATFORM).build());
            results.add(WorkflowClient.execute(probe::ask, nodes.get(i % NODES)));
          }
          CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
              .get(5, TimeUnit.MINUTES);
          long millis = (System.nanoTime() - started) / 1_000_000;
          System.out.printf(
              "BENCH %s round %d: %d activities on %d node queues in %d ms (%.0f/s)%n",
              mode, round, ACTIVITIES, NODES, millis, ACTIVITIES * 1000.0 / millis);
        }
        factories.forEach(WorkerFactory::shutdownNow);
        factories.forEach(f -> f.awaitTermination(5, TimeUnit.SECONDS));
        stubs.forEach(WorkflowServiceStubs::shutdownNow);
      }
    } finally {
      platformWorkers.shutdownNow();
      platform.shutdownNow();
      temporal.shutdownNow();
      services.close();
      executor.shutdownNow();
    }
  }
}
