package io.noderr.gateway;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import io.noderr.activities.TaskQueues;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.DescribeNamespaceResponse;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueResponse;
import io.temporal.api.workflowservice.v1.RecordActivityTaskHeartbeatRequest;
import io.temporal.api.workflowservice.v1.RecordActivityTaskHeartbeatResponse;
import io.temporal.api.workflowservice.v1.RecordWorkerHeartbeatRequest;
import io.temporal.api.workflowservice.v1.RecordWorkerHeartbeatResponse;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCanceledRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCanceledResponse;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCompletedResponse;
import io.temporal.api.workflowservice.v1.RespondActivityTaskFailedRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskFailedResponse;
import io.temporal.api.workflowservice.v1.ShutdownWorkerRequest;
import io.temporal.api.workflowservice.v1.ShutdownWorkerResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The part of Temporal's {@code WorkflowService} a node agent may use, forwarded to the platform's
 * own connection: poll its own activity queue, answer and heartbeat the tasks it was given, and the
 * read calls an SDK worker makes at start. {@link NodeAuthInterceptor} refuses every other method
 * before it reaches this class, using {@link #ALLOWED}.
 */
final class NodeWorkflowService extends WorkflowServiceGrpc.WorkflowServiceImplBase {

  /** Full gRPC method names a node may call at all; the methods below check their arguments. */
  static final Set<String> ALLOWED =
      Set.of(
          WorkflowServiceGrpc.getPollActivityTaskQueueMethod().getFullMethodName(),
          WorkflowServiceGrpc.getRespondActivityTaskCompletedMethod().getFullMethodName(),
          WorkflowServiceGrpc.getRespondActivityTaskFailedMethod().getFullMethodName(),
          WorkflowServiceGrpc.getRespondActivityTaskCanceledMethod().getFullMethodName(),
          WorkflowServiceGrpc.getRecordActivityTaskHeartbeatMethod().getFullMethodName(),
          WorkflowServiceGrpc.getGetSystemInfoMethod().getFullMethodName(),
          WorkflowServiceGrpc.getDescribeNamespaceMethod().getFullMethodName(),
          // Worker lifecycle calls of the SDK, answered by the gateway itself (never forwarded).
          WorkflowServiceGrpc.getRecordWorkerHeartbeatMethod().getFullMethodName(),
          WorkflowServiceGrpc.getShutdownWorkerMethod().getFullMethodName(),
          // WorkflowServiceStubs' connection check; answered by the gateway itself.
          HealthGrpc.getCheckMethod().getFullMethodName());

  /**
   * Open long polls one session may hold. An agent runs one poller (the SDK's default is 5); the
   * cap keeps a rogue node from parking unbounded streams on the platform's Temporal connection.
   */
  static final int MAX_OPEN_POLLS = 8;

  private static final int CLAIMED_IDENTITY_MAX = 100;

  private final WorkflowServiceStubs platform;
  private final String namespace;
  private final IssuedTaskTokens tokens;
  private final OpenPolls polls;
  private final Refusals refusals;

  NodeWorkflowService(
      WorkflowServiceStubs platform,
      String namespace,
      IssuedTaskTokens tokens,
      OpenPolls polls,
      Refusals refusals) {
    this.platform = platform;
    this.namespace = namespace;
    this.tokens = tokens;
    this.polls = polls;
    this.refusals = refusals;
  }

  @Override
  public void pollActivityTaskQueue(
      PollActivityTaskQueueRequest request,
      StreamObserver<PollActivityTaskQueueResponse> response) {
    Caller caller = NodeAuthInterceptor.caller();
    String own = TaskQueues.node(caller.nodeId());
    if (!namespace.equals(request.getNamespace())) {
      refuse(response, caller, "PollActivityTaskQueue", wrongNamespace(request.getNamespace()));
      return;
    }
    if (!own.equals(request.getTaskQueue().getName())) {
      refuse(
          response, caller, "PollActivityTaskQueue", "a node may poll only its own queue " + own);
      return;
    }
    if (polls.openBy(caller) >= MAX_OPEN_POLLS) {
      refuse(
          response,
          caller,
          "PollActivityTaskQueue",
          "at most " + MAX_OPEN_POLLS + " open polls per session");
      return;
    }
    PollActivityTaskQueueRequest forwarded =
        request.toBuilder().setIdentity(identity(request.getIdentity())).build();
    forward(
        response,
        () -> {
          PollActivityTaskQueueResponse task =
              polls
                  .run(caller, () -> stub().pollActivityTaskQueue(forwarded))
                  // Cut by the sweep: an empty answer, as after a long-poll timeout. The worker
                  // polls again at once and that call meets the refusal.
                  .orElse(PollActivityTaskQueueResponse.getDefaultInstance());
          if (!task.getTaskToken().isEmpty()) {
            tokens.issue(
                task.getTaskToken(),
                caller.nodeId(),
                Duration.ofSeconds(task.getStartToCloseTimeout().getSeconds()));
          }
          return task;
        });
  }

  @Override
  public void respondActivityTaskCompleted(
      RespondActivityTaskCompletedRequest request,
      StreamObserver<RespondActivityTaskCompletedResponse> response) {
    answer(
        "RespondActivityTaskCompleted",
        request.getNamespace(),
        request.getTaskToken(),
        response,
        () ->
            stub()
                .respondActivityTaskCompleted(
                    request.toBuilder().setIdentity(identity(request.getIdentity())).build()));
  }

  @Override
  public void respondActivityTaskFailed(
      RespondActivityTaskFailedRequest request,
      StreamObserver<RespondActivityTaskFailedResponse> response) {
    answer(
        "RespondActivityTaskFailed",
        request.getNamespace(),
        request.getTaskToken(),
        response,
        () ->
            stub()
                .respondActivityTaskFailed(
                    request.toBuilder().setIdentity(identity(request.getIdentity())).build()));
  }

  @Override
  public void respondActivityTaskCanceled(
      RespondActivityTaskCanceledRequest request,
      StreamObserver<RespondActivityTaskCanceledResponse> response) {
    answer(
        "RespondActivityTaskCanceled",
        request.getNamespace(),
        request.getTaskToken(),
        response,
        () ->
            stub()
                .respondActivityTaskCanceled(
                    request.toBuilder().setIdentity(identity(request.getIdentity())).build()));
  }

  @Override
  public void recordActivityTaskHeartbeat(
      RecordActivityTaskHeartbeatRequest request,
      StreamObserver<RecordActivityTaskHeartbeatResponse> response) {
    Caller caller = NodeAuthInterceptor.caller();
    if (permitted(
        caller,
        "RecordActivityTaskHeartbeat",
        request.getNamespace(),
        request.getTaskToken(),
        response)) {
      forward(
          response,
          () ->
              stub()
                  .recordActivityTaskHeartbeat(
                      request.toBuilder().setIdentity(identity(request.getIdentity())).build()));
    }
  }

  @Override
  public void getSystemInfo(
      GetSystemInfoRequest request, StreamObserver<GetSystemInfoResponse> response) {
    forward(response, () -> stub().getSystemInfo(request));
  }

  @Override
  public void describeNamespace(
      DescribeNamespaceRequest request, StreamObserver<DescribeNamespaceResponse> response) {
    if (!namespace.equals(request.getNamespace()) || !request.getId().isEmpty()) {
      refuse(
          response,
          NodeAuthInterceptor.caller(),
          "DescribeNamespace",
          wrongNamespace(request.getNamespace()));
      return;
    }
    forward(response, () -> stub().describeNamespace(request));
  }

  /**
   * Worker heartbeats are fleet telemetry the platform does not use, and forwarding them would let
   * a node write worker records under any identity. UNIMPLEMENTED is what the SDK expects from a
   * server without them: it stops sending (no refusal is counted, an honest worker sends it).
   */
  @Override
  public void recordWorkerHeartbeat(
      RecordWorkerHeartbeatRequest request,
      StreamObserver<RecordWorkerHeartbeatResponse> response) {
    response.onError(
        Status.UNIMPLEMENTED
            .withDescription("the node gateway does not record worker heartbeats")
            .asRuntimeException());
  }

  /**
   * A worker says goodbye for its sticky workflow queue. Node workers run activities only and have
   * none, and a node must not end the platform worker's: acknowledged here, never forwarded.
   */
  @Override
  public void shutdownWorker(
      ShutdownWorkerRequest request, StreamObserver<ShutdownWorkerResponse> response) {
    response.onNext(ShutdownWorkerResponse.getDefaultInstance());
    response.onCompleted();
  }

  /** An answer to a task: only by the node the task went to; the token is spent once answered. */
  private <T> void answer(
      String method,
      String requestNamespace,
      ByteString taskToken,
      StreamObserver<T> response,
      Supplier<T> call) {
    Caller caller = NodeAuthInterceptor.caller();
    if (permitted(caller, method, requestNamespace, taskToken, response)) {
      forward(
          response,
          () -> {
            T answered = call.get();
            tokens.spend(taskToken);
            return answered;
          });
    }
  }

  private boolean permitted(
      Caller caller,
      String method,
      String requestNamespace,
      ByteString taskToken,
      StreamObserver<?> response) {
    if (!namespace.equals(requestNamespace)) {
      refuse(response, caller, method, wrongNamespace(requestNamespace));
      return false;
    }
    if (!tokens.heldBy(taskToken, caller.nodeId())) {
      refuse(response, caller, method, "the task token was not handed to this node");
      return false;
    }
    return true;
  }

  private void refuse(StreamObserver<?> response, Caller caller, String method, String reason) {
    response.onError(refusals.refuse(caller.nodeId(), method, reason).asRuntimeException());
  }

  private String wrongNamespace(String requested) {
    return "namespace '" + requested + "' is not this platform's";
  }

  private WorkflowServiceBlockingStub stub() {
    return platform.blockingStub();
  }

  /**
   * Sends the platform's answer, or its error status as is: the node sees Temporal's code and
   * one-line description, never the platform connection's metadata or a stack trace.
   */
  private static <T> void forward(StreamObserver<T> response, Supplier<T> call) {
    T answer;
    try {
      answer = call.get();
    } catch (StatusRuntimeException e) {
      response.onError(
          Status.fromCode(e.getStatus().getCode())
              .withDescription(e.getStatus().getDescription())
              .asRuntimeException());
      return;
    }
    response.onNext(answer);
    response.onCompleted();
  }

  /**
   * The identity recorded in the workflow's history for this call: the authenticated node first, so
   * a node cannot make its work look like another's; what the worker claimed follows, capped.
   */
  private static String identity(String claimed) {
    Caller caller = NodeAuthInterceptor.caller();
    String trimmed =
        claimed.length() > CLAIMED_IDENTITY_MAX
            ? claimed.substring(0, CLAIMED_IDENTITY_MAX)
            : claimed;
    return "node " + caller.nodeId() + " via gateway (" + trimmed + ")";
  }
}
