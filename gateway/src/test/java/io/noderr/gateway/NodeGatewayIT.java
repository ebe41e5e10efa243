package io.noderr.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.stub.MetadataUtils;
import io.noderr.activities.TaskQueues;
import io.noderr.gateway.Probe.ProbeActivities;
import io.noderr.gateway.Probe.ProbeWorkflow;
import io.noderr.gateway.Probe.ProbeWorkflowImpl;
import io.noderr.registry.RegistryDatabase;
import io.noderr.registry.Tier;
import io.noderr.registry.audit.AuditLog;
import io.noderr.registry.identity.NodeSessions;
import io.noderr.registry.identity.TokenHash;
import io.noderr.workflows.testing.TestEnvironments;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.update.v1.Input;
import io.temporal.api.update.v1.Request;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueResponse;
import io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.RecordActivityTaskHeartbeatRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskFailedRequest;
import io.temporal.api.workflowservice.v1.SignalWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.TerminateWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.UpdateWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import io.temporal.authorization.AuthorizationGrpcMetadataProvider;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.tuning.PollerBehaviorSimpleMaximum;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rogue-agent cases against a real gateway: TLS, sessions in embedded PostgreSQL, the Temporal
 * test server behind it. Node {@code a} works honestly; node {@code b} holds a valid session of its
 * own and tries everything a compromised agent would.
 */
class NodeGatewayIT {

  private static final String NAMESPACE = "default";
  private static final Duration CUT_OFF = Duration.ofSeconds(2);

  /** Open polls block a thread each (the common pool has one thread on two cores). */
  private static final ExecutorService POLLERS = Executors.newVirtualThreadPerTaskExecutor();

  @RegisterExtension static final RegistryDatabase db = RegistryDatabase.create();

  private static TestWorkflowEnvironment temporal;
  private static GatewayCertificate certificate;
  private static NodeGateway gateway;
  private static SslContext pinned;

  private final List<AutoCloseable> opened = new ArrayList<>();
  private final String a = "a-" + UUID.randomUUID();
  private final String b = "b-" + UUID.randomUUID();

  @BeforeAll
  static void platform() throws Exception {
    temporal =
        TestEnvironments.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    temporal
        .newWorker(TaskQueues.PLATFORM)
        .registerWorkflowImplementationTypes(ProbeWorkflowImpl.class);
    temporal.start();
    certificate = GatewayCertificate.generate();
    gateway =
        NodeGateway.start(
            new GatewayProperties(
                true, "127.0.0.1", 0, NAMESPACE, Duration.ofSeconds(1), Duration.ofSeconds(1)),
            certificate,
            temporal.getWorkflowServiceStubs(),
            new RegistrySessionLookup(db.bean(NodeSessions.class)),
            db.bean(AuditLog.class));
    pinned = GrpcSslContexts.forClient().trustManager(certificate.certificate()).build();
  }

  @AfterAll
  static void stop() {
    POLLERS.shutdownNow();
    gateway.close();
    temporal.close();
  }

  @AfterEach
  void closeOpened() throws Exception {
    for (AutoCloseable closeable : opened.reversed()) {
      closeable.close();
    }
  }

  @Test
  void aNodeWorker_throughTheGateway_completesAnActivityOnItsOwnQueue() throws Exception {
    String token = session(a);
    sdkWorker(a, token, question -> "node " + a + " here");

    assertThat(ask(a).get(30, TimeUnit.SECONDS)).isEqualTo("node " + a + " here");
    assertThat(auditedRefusals(a)).isEmpty();
  }

  @Test
  void pollingAnotherNodesQueue_orThePlatformQueue_isRefused() {
    session(a);
    WorkflowServiceBlockingStub rogue = raw(session(b));

    assertDenied(() -> rogue.pollActivityTaskQueue(poll(TaskQueues.node(a))));
    assertDenied(() -> rogue.pollActivityTaskQueue(poll(TaskQueues.PLATFORM)));
    assertDenied(
        () ->
            rogue.pollWorkflowTaskQueue(
                PollWorkflowTaskQueueRequest.newBuilder()
                    .setNamespace(NAMESPACE)
                    .setTaskQueue(TaskQueue.newBuilder().setName(TaskQueues.PLATFORM))
                    .build()));
    assertDenied(
        () ->
            rogue.pollActivityTaskQueue(
                poll(TaskQueues.node(b)).toBuilder().setNamespace("other").build()));
    assertThat(gateway.refusals(b, "PollActivityTaskQueue")).isEqualTo(3);
  }

  @Test
  void startingSignallingUpdatingOrQueryingAWorkflow_isRefused_andChangesNothing()
      throws Exception {
    sdkWorker(a, session(a), question -> "honest");
    WorkflowServiceBlockingStub rogue = raw(session(b));
    WorkflowExecution execution =
        WorkflowExecution.newBuilder().setWorkflowId("probe-" + a).build();

    assertDenied(
        () ->
            rogue.startWorkflowExecution(
                StartWorkflowExecutionRequest.newBuilder()
                    .setNamespace(NAMESPACE)
                    .setWorkflowId("rogue-" + b)
                    .setWorkflowType(WorkflowType.newBuilder().setName("ProbeWorkflow"))
                    .setTaskQueue(TaskQueue.newBuilder().setName(TaskQueues.PLATFORM))
                    .setRequestId(UUID.randomUUID().toString())
                    .build()));
    assertDenied(
        () ->
            rogue.signalWorkflowExecution(
                SignalWorkflowExecutionRequest.newBuilder()
                    .setNamespace(NAMESPACE)
                    .setWorkflowExecution(execution)
                    .setSignalName("abort")
                    .build()));
    assertDenied(
        () ->
            rogue.updateWorkflowExecution(
                UpdateWorkflowExecutionRequest.newBuilder()
                    .setNamespace(NAMESPACE)
                    .setWorkflowExecution(execution)
                    .setRequest(
                        Request.newBuilder().setInput(Input.newBuilder().setName("approve")))
                    .build()));
    assertDenied(
        () ->
            rogue.queryWorkflow(
                QueryWorkflowRequest.newBuilder()
                    .setNamespace(NAMESPACE)
                    .setExecution(execution)
                    .setQuery(WorkflowQuery.newBuilder().setQueryType("getState"))
                    .build()));
    assertDenied(
        () ->
            rogue.terminateWorkflowExecution(
                TerminateWorkflowExecutionRequest.newBuilder()
                    .setNamespace(NAMESPACE)
                    .setWorkflowExecution(execution)
                    .build()));
    assertDenied(
        () ->
            rogue.describeNamespace(
                DescribeNamespaceRequest.newBuilder().setNamespace("temporal-system").build()));

    assertThat(ask(a).get(30, TimeUnit.SECONDS)).isEqualTo("honest");
    assertStatus(
        Status.Code.NOT_FOUND,
        () ->
            temporal
                .getWorkflowServiceStubs()
                .blockingStub()
                .describeWorkflowExecution(
                    DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace(NAMESPACE)
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId("rogue-" + b))
                        .build()));
  }

  @Test
  void answeringOrHeartbeatingAnotherNodesTask_isRefused_andTheOwnerStillCompletesIt()
      throws Exception {
    WorkflowServiceBlockingStub owner = raw(session(a));
    WorkflowServiceBlockingStub rogue = raw(session(b));
    var result = ask(a);
    PollActivityTaskQueueResponse task = pollUntilTask(owner, a);
    ByteString stolen = task.getTaskToken();

    assertDenied(
        () ->
            rogue.respondActivityTaskCompleted(
                RespondActivityTaskCompletedRequest.newBuilder()
                    .setNamespace(NAMESPACE)
                    .setTaskToken(stolen)
                    .setResult(payload("FAILED, says b"))
                    .build()));
    assertDenied(
        () ->
            rogue.respondActivityTaskFailed(
                RespondActivityTaskFailedRequest.newBuilder()
                    .setNamespace(NAMESPACE)
                    .setTaskToken(stolen)
                    .build()));
    assertDenied(
        () ->
            rogue.recordActivityTaskHeartbeat(
                RecordActivityTaskHeartbeatRequest.newBuilder()
                    .setNamespace(NAMESPACE)
                    .setTaskToken(stolen)
                    .build()));

    owner.recordActivityTaskHeartbeat(
        RecordActivityTaskHeartbeatRequest.newBuilder()
            .setNamespace(NAMESPACE)
            .setTaskToken(stolen)
            .build());
    owner.respondActivityTaskCompleted(
        RespondActivityTaskCompletedRequest.newBuilder()
            .setNamespace(NAMESPACE)
            .setTaskToken(stolen)
            .setResult(payload("a did it"))
            .build());
    assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("a did it");
    // The history names the authenticated node first, whatever identity the worker claimed.
    assertThat(
            temporal.getWorkflowClient().fetchHistory("probe-" + a).getEvents().stream()
                .filter(
                    e ->
                        e.hasActivityTaskStartedEventAttributes()
                            || e.hasActivityTaskCompletedEventAttributes())
                .map(
                    e ->
                        e.hasActivityTaskStartedEventAttributes()
                            ? e.getActivityTaskStartedEventAttributes().getIdentity()
                            : e.getActivityTaskCompletedEventAttributes().getIdentity()))
        .hasSize(2)
        .allSatisfy(identity -> assertThat(identity).startsWith("node " + a + " via gateway ("));
    // Spent: not even its owner can answer the same task twice through the gateway.
    assertDenied(
        () ->
            owner.respondActivityTaskCompleted(
                RespondActivityTaskCompletedRequest.newBuilder()
                    .setNamespace(NAMESPACE)
                    .setTaskToken(stolen)
                    .setResult(payload("again"))
                    .build()));
  }

  @Test
  void aRevokedSessionsOpenPoll_isCutWithinTwoSeconds_andItsNextPollRefused() {
    String token = session(a);
    WorkflowServiceBlockingStub node = raw(token);
    CompletableFuture<PollActivityTaskQueueResponse> open = openPoll(node, a);

    db.bean(NodeSessions.class).revoke(TokenHash.sha256Hex(token));

    assertCutWithin(open, CUT_OFF);
    assertStatus(
        Status.Code.UNAUTHENTICATED, () -> node.pollActivityTaskQueue(poll(TaskQueues.node(a))));
  }

  @Test
  void aQuarantinedNodesOpenPoll_isCutWithinTwoSeconds_andItsNextPollRefused() {
    WorkflowServiceBlockingStub node = raw(session(a));
    CompletableFuture<PollActivityTaskQueueResponse> open = openPoll(node, a);

    db.jdbc().update("UPDATE nodes SET status = 'QUARANTINED' WHERE id = ?", a);

    assertCutWithin(open, CUT_OFF);
    assertStatus(
        Status.Code.UNAUTHENTICATED, () -> node.pollActivityTaskQueue(poll(TaskQueues.node(a))));
  }

  @Test
  void aSession_mayHoldOnlyAFewOpenPolls() {
    String token = session(a);
    WorkflowServiceBlockingStub node = raw(token);
    List<CompletableFuture<PollActivityTaskQueueResponse>> open = new ArrayList<>();
    for (int i = 0; i < NodeWorkflowService.MAX_OPEN_POLLS; i++) {
      open.add(openPoll(node, a));
    }

    assertDenied(() -> node.pollActivityTaskQueue(poll(TaskQueues.node(a))));

    db.bean(NodeSessions.class).revoke(TokenHash.sha256Hex(token));
    open.forEach(poll -> assertCutWithin(poll, CUT_OFF));
  }

  @Test
  void aCallWithoutAToken_orWithAnUnknownOne_isUnauthenticated() {
    WorkflowServiceBlockingStub anonymous = WorkflowServiceGrpc.newBlockingStub(channel());
    WorkflowServiceBlockingStub forged = raw("nst_" + "A".repeat(43));

    for (WorkflowServiceBlockingStub stub : List.of(anonymous, forged)) {
      assertStatus(
          Status.Code.UNAUTHENTICATED, () -> stub.pollActivityTaskQueue(poll(TaskQueues.node(a))));
    }
  }

  @Test
  void aFloodOfRefusedCalls_leavesOneAuditEntryWithTheCount() {
    WorkflowServiceBlockingStub rogue = raw(session(b));

    for (int i = 0; i < 50; i++) {
      assertDenied(() -> rogue.pollActivityTaskQueue(poll(TaskQueues.PLATFORM)));
    }

    assertThat(auditedRefusals(b))
        .singleElement()
        .satisfies(detail -> assertThat(detail).startsWith("1 call(s) refused"));
    assertThat(gateway.refusals(b, "PollActivityTaskQueue")).isEqualTo(50);
  }

  // --- the platform side

  private String session(String nodeId) {
    db.insertNode(nodeId, "acme", Tier.ALL, "eu-west", "ACTIVE");
    String token = "nst_" + UUID.randomUUID().toString().replace("-", "") + "abcdefghijk";
    db.bean(NodeSessions.class)
        .issue(TokenHash.sha256Hex(token), nodeId, Instant.now().plus(Duration.ofMinutes(15)));
    return token;
  }

  private CompletableFuture<String> ask(String nodeId) {
    ProbeWorkflow probe =
        temporal
            .getWorkflowClient()
            .newWorkflowStub(
                ProbeWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId("probe-" + nodeId)
                    .setTaskQueue(TaskQueues.PLATFORM)
                    .build());
    return WorkflowClient.execute(probe::ask, nodeId);
  }

  private List<String> auditedRefusals(String nodeId) {
    return db.jdbc()
        .queryForList(
            "SELECT detail FROM audit_log WHERE subject = ? AND action = ?",
            String.class,
            nodeId,
            Refusals.AUDIT_ACTION);
  }

  // --- the node side

  /** The SDK worker an agent runs, connected as agents connect: TLS pinned, session metadata. */
  private void sdkWorker(String nodeId, String token, ProbeActivities activities) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + gateway.port())
                .setSslContext(pinned)
                .addGrpcMetadataProvider(
                    new AuthorizationGrpcMetadataProvider(() -> "Bearer " + token))
                .build());
    WorkerFactory factory =
        WorkerFactory.newInstance(
            WorkflowClient.newInstance(
                stubs, WorkflowClientOptions.newBuilder().setNamespace(NAMESPACE).build()));
    factory
        .newWorker(
            TaskQueues.node(nodeId),
            WorkerOptions.newBuilder()
                .setUsingVirtualThreadsOnActivityWorker(true)
                .setActivityTaskPollersBehavior(new PollerBehaviorSimpleMaximum(1))
                .build())
        .registerActivitiesImplementations(activities);
    factory.start();
    opened.add(
        () -> {
          factory.shutdownNow();
          factory.awaitTermination(5, TimeUnit.SECONDS);
          stubs.shutdownNow();
        });
  }

  private ManagedChannel channel() {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", gateway.port()).sslContext(pinned).build();
    opened.add(channel::shutdownNow);
    return channel;
  }

  /** A hand-made client: a rogue agent is not bound to what the SDK would send. */
  private WorkflowServiceBlockingStub raw(String token) {
    Metadata headers = new Metadata();
    headers.put(NodeAuthInterceptor.AUTHORIZATION, "Bearer " + token);
    return WorkflowServiceGrpc.newBlockingStub(channel())
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private static PollActivityTaskQueueRequest poll(String queue) {
    return PollActivityTaskQueueRequest.newBuilder()
        .setNamespace(NAMESPACE)
        .setTaskQueue(TaskQueue.newBuilder().setName(queue))
        .setIdentity("test")
        .build();
  }

  private static PollActivityTaskQueueResponse pollUntilTask(
      WorkflowServiceBlockingStub node, String nodeId) {
    for (int i = 0; i < 10; i++) {
      PollActivityTaskQueueResponse task =
          node.withDeadlineAfter(10, TimeUnit.SECONDS)
              .pollActivityTaskQueue(poll(TaskQueues.node(nodeId)));
      if (!task.getTaskToken().isEmpty()) {
        return task;
      }
    }
    throw new AssertionError("no task reached node " + nodeId);
  }

  private static CompletableFuture<PollActivityTaskQueueResponse> openPoll(
      WorkflowServiceBlockingStub node, String nodeId) {
    CompletableFuture<PollActivityTaskQueueResponse> open =
        CompletableFuture.supplyAsync(
            () ->
                node.withDeadlineAfter(60, TimeUnit.SECONDS)
                    .pollActivityTaskQueue(poll(TaskQueues.node(nodeId))),
            POLLERS);
    // Long enough for the poll to reach the server and park there.
    sleep(Duration.ofMillis(500));
    assertThat(open).isNotDone();
    return open;
  }

  private static void assertCutWithin(
      CompletableFuture<PollActivityTaskQueueResponse> open, Duration limit) {
    long started = System.nanoTime();
    PollActivityTaskQueueResponse answer =
        open.orTimeout(limit.toMillis(), TimeUnit.MILLISECONDS).join();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThanOrEqualTo(limit);
    assertThat(answer.getTaskToken()).isEmpty();
  }

  private static void assertDenied(Runnable call) {
    assertStatus(Status.Code.PERMISSION_DENIED, call);
  }

  private static void assertStatus(Status.Code expected, Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOf(StatusRuntimeException.class)
        .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(expected));
  }

  private static io.temporal.api.common.v1.Payloads payload(String value) {
    return DefaultDataConverter.STANDARD_INSTANCE.toPayloads(value).orElseThrow();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
