package io.noderr.agent.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.noderr.activities.TaskQueues;
import io.noderr.agent.platform.FleetSessionsAnswer.NodeSession;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueResponse;
import io.temporal.api.workflowservice.v1.RecordActivityTaskHeartbeatRequest;
import io.temporal.api.workflowservice.v1.RecordActivityTaskHeartbeatResponse;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCompletedResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One channel for a fleet, against a real (in-process) gRPC server: every call carries the session
 * of the node it is for, and a renewed session is used from the next call on.
 */
class FleetSessionInterceptorTest {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final FleetSessions sessions = new FleetSessions(Clock.systemUTC());
  private Server server;
  private ManagedChannel channel;
  private WorkflowServiceBlockingStub fleet;

  @BeforeEach
  void start() throws Exception {
    String name = InProcessServerBuilder.generateName();
    ServerInterceptor recordAuthorization =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            seen.add(
                call.getMethodDescriptor().getBareMethodName() + " " + headers.get(AUTHORIZATION));
            return next.startCall(call, headers);
          }
        };
    server =
        InProcessServerBuilder.forName(name)
            .addService(ServerInterceptors.intercept(new Frontend(), recordAuthorization))
            .build()
            .start();
    channel =
        InProcessChannelBuilder.forName(name)
            .intercept(new FleetSessionInterceptor(sessions))
            .build();
    fleet = WorkflowServiceGrpc.newBlockingStub(channel);
    sessions.add(List.of(session("a", "nst_a"), session("b", "nst_b")));
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.shutdownNow();
    sessions.close();
  }

  @Test
  void eachCall_carriesTheSessionOfTheNodeItIsFor() {
    ByteString taskOfB = fleet.pollActivityTaskQueue(poll("b")).getTaskToken();
    ByteString taskOfA = fleet.pollActivityTaskQueue(poll("a")).getTaskToken();
    fleet.recordActivityTaskHeartbeat(
        RecordActivityTaskHeartbeatRequest.newBuilder().setTaskToken(taskOfB).build());
    fleet.respondActivityTaskCompleted(
        RespondActivityTaskCompletedRequest.newBuilder().setTaskToken(taskOfA).build());
    fleet.getSystemInfo(GetSystemInfoRequest.getDefaultInstance());

    assertThat(seen.subList(0, 4))
        .containsExactly(
            "PollActivityTaskQueue Bearer nst_b",
            "PollActivityTaskQueue Bearer nst_a",
            "RecordActivityTaskHeartbeat Bearer nst_b",
            "RespondActivityTaskCompleted Bearer nst_a");
    assertThat(seen.get(4)).isIn("GetSystemInfo Bearer nst_a", "GetSystemInfo Bearer nst_b");
  }

  @Test
  void aRenewedSession_isUsedFromTheNextCallOn() {
    fleet.pollActivityTaskQueue(poll("a"));
    sessions.add(List.of(session("a", "nst_a2")));
    ByteString task = fleet.pollActivityTaskQueue(poll("a")).getTaskToken();
    fleet.respondActivityTaskCompleted(
        RespondActivityTaskCompletedRequest.newBuilder().setTaskToken(task).build());

    assertThat(seen)
        .containsExactly(
            "PollActivityTaskQueue Bearer nst_a",
            "PollActivityTaskQueue Bearer nst_a2",
            "RespondActivityTaskCompleted Bearer nst_a2");
  }

  private static NodeSession session(String nodeId, String token) {
    return new NodeSession(nodeId, token, Instant.now().plusSeconds(600).toString());
  }

  private static PollActivityTaskQueueRequest poll(String nodeId) {
    return PollActivityTaskQueueRequest.newBuilder()
        .setTaskQueue(TaskQueue.newBuilder().setName(TaskQueues.node(nodeId)))
        .build();
  }

  /** Hands out a fresh task per poll and acknowledges everything else. */
  private static final class Frontend extends WorkflowServiceGrpc.WorkflowServiceImplBase {
    private int tasks;

    @Override
    public synchronized void pollActivityTaskQueue(
        PollActivityTaskQueueRequest request,
        StreamObserver<PollActivityTaskQueueResponse> response) {
      response.onNext(
          PollActivityTaskQueueResponse.newBuilder()
              .setTaskToken(ByteString.copyFromUtf8("task-" + ++tasks))
              .build());
      response.onCompleted();
    }

    @Override
    public void recordActivityTaskHeartbeat(
        RecordActivityTaskHeartbeatRequest request,
        StreamObserver<RecordActivityTaskHeartbeatResponse> response) {
      response.onNext(RecordActivityTaskHeartbeatResponse.getDefaultInstance());
      response.onCompleted();
    }

    @Override
    public void respondActivityTaskCompleted(
        RespondActivityTaskCompletedRequest request,
        StreamObserver<RespondActivityTaskCompletedResponse> response) {
      response.onNext(RespondActivityTaskCompletedResponse.getDefaultInstance());
      response.onCompleted();
    }

    @Override
    public void getSystemInfo(
        GetSystemInfoRequest request, StreamObserver<GetSystemInfoResponse> response) {
      response.onNext(GetSystemInfoResponse.getDefaultInstance());
      response.onCompleted();
    }
  }
}
