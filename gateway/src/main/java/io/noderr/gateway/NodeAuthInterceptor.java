package io.noderr.gateway;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.noderr.registry.identity.TokenHash;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Authenticates every gateway call by the node's session token ({@code authorization: Bearer
 * nst_...}, added by the agent's metadata provider) and refuses methods a node has no business
 * calling before any of them reaches Temporal. The resolved node travels in the call's {@link
 * Context} to {@link NodeWorkflowService}.
 */
final class NodeAuthInterceptor implements ServerInterceptor {

  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private static final Context.Key<Caller> CALLER = Context.key("noderr-node");
  private static final String BEARER = "Bearer ";

  /**
   * "nst_" + 43 URL-safe base64 characters (the auth API's session tokens): anything else is
   * refused without a registry query, so junk tokens cost no database round trip.
   */
  private static final Pattern SESSION_TOKEN = Pattern.compile("nst_[A-Za-z0-9_-]{43}");

  private final SessionCache sessions;
  private final Refusals refusals;
  private final Set<String> allowed;

  NodeAuthInterceptor(SessionCache sessions, Refusals refusals, Set<String> allowed) {
    this.sessions = sessions;
    this.refusals = refusals;
    this.allowed = allowed;
  }

  /** The node behind the current call (set for every call that got past this interceptor). */
  static Caller caller() {
    return CALLER.get();
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Optional<Caller> caller = authenticate(headers.get(AUTHORIZATION));
    if (caller.isEmpty()) {
      return close(
          call,
          Status.UNAUTHENTICATED.withDescription(
              "a live node session is required (authorization: Bearer nst_...)"));
    }
    String method = call.getMethodDescriptor().getFullMethodName();
    if (!allowed.contains(method)) {
      return close(
          call,
          refusals.refuse(
              caller.get().nodeId(),
              call.getMethodDescriptor().getBareMethodName(),
              "not a call a node may make"));
    }
    return Contexts.interceptCall(
        Context.current().withValue(CALLER, caller.get()), call, headers, next);
  }

  private Optional<Caller> authenticate(String authorization) {
    if (authorization == null || !authorization.startsWith(BEARER)) {
      return Optional.empty();
    }
    String token = authorization.substring(BEARER.length()).strip();
    if (!SESSION_TOKEN.matcher(token).matches()) {
      return Optional.empty();
    }
    String hash = TokenHash.sha256Hex(token);
    return sessions.nodeOf(hash).map(node -> new Caller(node, hash));
  }

  private static <Q, R> ServerCall.Listener<Q> close(ServerCall<Q, R> call, Status status) {
    call.close(status, new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
