package io.noderr.agent.gateway;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueRequest;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueResponse;
import io.temporal.api.workflowservice.v1.RecordActivityTaskHeartbeatRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCanceledRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskFailedRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One gRPC channel for a whole simulated fleet, each call carrying the session of the node it is
 * for: a poll the session of the node whose queue it polls, an answer or heartbeat the session of
 * the node that was handed the task token (remembered from the poll's answer), anything else any
 * session of the fleet. gRPC sends headers at {@link ClientCall#start}, before the request is
 * known, so each call's start (and its flow-control requests) waits for its one message.
 */
final class FleetSessionInterceptor implements ClientInterceptor {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final FleetSessions sessions;

  /** Task token to the queue it was polled from, until the task is answered. */
  private final Map<ByteString, String> queueOfTask = new ConcurrentHashMap<>();

  FleetSessionInterceptor(FleetSessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    return new SessionPickingCall<>(next.newCall(method, options));
  }

  /** The node queue a request works for; null when it concerns no node. */
  private String queueOf(Object request) {
    return switch (request) {
      case PollActivityTaskQueueRequest poll -> poll.getTaskQueue().getName();
      case RespondActivityTaskCompletedRequest answer -> queueOfTask.get(answer.getTaskToken());
      case RespondActivityTaskFailedRequest answer -> queueOfTask.get(answer.getTaskToken());
      case RespondActivityTaskCanceledRequest answer -> queueOfTask.get(answer.getTaskToken());
      case RecordActivityTaskHeartbeatRequest beat -> queueOfTask.get(beat.getTaskToken());
      default -> null;
    };
  }

  /** The token of a task once it is answered (the gateway spends it then), else null. */
  private static ByteString answeredTask(Object request) {
    return switch (request) {
      case RespondActivityTaskCompletedRequest answer -> answer.getTaskToken();
      case RespondActivityTaskFailedRequest answer -> answer.getTaskToken();
      case RespondActivityTaskCanceledRequest answer -> answer.getTaskToken();
      default -> null;
    };
  }

  /** Not thread-safe, like any ClientCall: gRPC's callers serialize their calls on it. */
  private final class SessionPickingCall<Q, R> extends ClientCall<Q, R> {

    private final ClientCall<Q, R> call;
    private Listener<R> listener;
    private Metadata headers;
    private int requested;
    private boolean started;

    SessionPickingCall(ClientCall<Q, R> call) {
      this.call = call;
    }

    @Override
    public void start(Listener<R> responseListener, Metadata metadata) {
      this.listener = responseListener;
      this.headers = metadata;
    }

    @Override
    public void request(int numMessages) {
      if (started) {
        call.request(numMessages);
      } else {
        requested += numMessages;
      }
    }

    @Override
    public void sendMessage(Q message) {
      startFor(message);
      call.sendMessage(message);
    }

    @Override
    public void halfClose() {
      startFor(null);
      call.halfClose();
    }

    @Override
    public void cancel(String message, Throwable cause) {
      if (listener != null) {
        startFor(null); // so the caller's listener hears the cancellation
      }
      call.cancel(message, cause);
    }

    @Override
    public boolean isReady() {
      return started && call.isReady();
    }

    @Override
    public void setMessageCompression(boolean enabled) {
      call.setMessageCompression(enabled);
    }

    @Override
    public io.grpc.Attributes getAttributes() {
      return call.getAttributes();
    }

    private void startFor(Q message) {
      if (started) {
        return;
      }
      started = true;
      String queue = message == null ? null : queueOf(message);
      String token = queue == null ? null : sessions.tokenOfQueue(queue);
      if (token == null) {
        token = sessions.anyToken();
      }
      if (token != null) {
        headers.put(AUTHORIZATION, "Bearer " + token);
      }
      ByteString answered = message == null ? null : answeredTask(message);
      call.start(new TaskRemembering(queue, answered), headers);
      if (requested > 0) {
        call.request(requested);
      }
    }

    /** Remembers which queue polled each task, forgets a task once it is answered. */
    private final class TaskRemembering extends SimpleForwardingClientCallListener<R> {
      private final String queue;
      private final ByteString answered;

      TaskRemembering(String queue, ByteString answered) {
        super(listener);
        this.queue = queue;
        this.answered = answered;
      }

      @Override
      public void onMessage(R message) {
        if (message instanceof PollActivityTaskQueueResponse task
            && !task.getTaskToken().isEmpty()
            && queue != null) {
          queueOfTask.put(task.getTaskToken(), queue);
        }
        super.onMessage(message);
      }

      @Override
      public void onClose(Status status, Metadata trailers) {
        if (answered != null && status.isOk()) {
          queueOfTask.remove(answered);
        }
        super.onClose(status, trailers);
      }
    }
  }
}
